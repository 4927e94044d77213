/* writer.c - the writer registry: --format NAME picks the writer that renders the command's
 * report model (docs/certdiag.1 lists which format each command has). */
#include <string.h>
#include "report/common.h"

static const struct cd_writer *const WRITERS[] = {
	&cd_writer_text, &cd_writer_json, &cd_writer_sarif, &cd_writer_html, &cd_writer_dot,
	&cd_writer_markdown, NULL,
};

const struct cd_writer *cd_writer_find(const char *name, enum cd_doc_kind kind)
{
	for (size_t i = 0; WRITERS[i]; i++)
		if (!strcmp(WRITERS[i]->name, name) && (WRITERS[i]->kinds & (1u << kind)))
			return WRITERS[i];
	return NULL;
}

void cd_writer_names(enum cd_doc_kind kind, char *out, size_t size)
{
	size_t l = 0;
	if (size)
		out[0] = 0;
	for (size_t i = 0; WRITERS[i] && l < size; i++)
		if (WRITERS[i]->kinds & (1u << kind))
			l += (size_t)snprintf(out + l, size - l, "%s%s", l ? "|" : "", WRITERS[i]->name);
}

void cd_cipher_suite_text(uint16_t code, char *out, size_t size)
{
	const char *n = cd_cipher_suite_name(code);
	if (n)
		snprintf(out, size, "%s (0x%04X)", n, code);
	else
		snprintf(out, size, "0x%04X (name unknown)", code);
}

void cd_doc_counts(const struct cd_doc *d, size_t sev[3])
{
	sev[0] = sev[1] = sev[2] = 0;
	for (size_t i = 0; d->report && i < d->report->n_findings; i++)
		sev[d->report->findings[i].rule->severity]++;
}
