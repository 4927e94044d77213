/* evidence.c - the decisive evidence of a finding on the lines under its message (text and
 * HTML): which evidence keys people need to act, with a label each, lists capped. The keys are
 * the evidence vocabulary of the checks (docs/report.schema.json $defs/finding). */
#include <string.h>
#include "report/common.h"

/* A referenced object ({id, kind, label, path, role, node}) in one line. */
static void ref_text(FILE *out, const json_t *r)
{
	const char *kind = json_string_value(json_object_get(r, "kind"));
	const char *id = json_string_value(json_object_get(r, "id"));
	const char *label = json_string_value(json_object_get(r, "label"));
	const char *path = json_string_value(json_object_get(r, "path"));
	const char *role = json_string_value(json_object_get(r, "role"));
	const char *node = json_string_value(json_object_get(r, "node"));
	const char *key = json_string_value(json_object_get(r, "key_sha256"));
	fprintf(out, "%s%s%s", kind ? kind : "", kind ? " " : "", id ? id : "?");
	if (label)
		fprintf(out, " \"%s\"", label);
	if (role)
		fprintf(out, " [%s%s%s]", role, node ? " on " : "", node ? node : "");
	if (path)
		fprintf(out, " at %s", path);
	if (key)
		fprintf(out, ", key SHA-256 %s", key);
}

static void more(FILE *out, const char *lead, size_t n, size_t max)
{
	if (n > max)
		fprintf(out, "%s  and %zu more: see --format json\n", lead, n - max);
}

/* label: a, b, c (strings), capped */
static void list_line(FILE *out, const char *lead, const char *label, const json_t *a, size_t max, int color)
{
	size_t i, n = json_array_size(a);
	json_t *v;
	fprintf(out, "%s%s%s:%s ", lead, color ? C_DIM : "", label, color ? C_RESET : "");
	if (!n)
		fputs("(none)", out);
	json_array_foreach(a, i, v) {
		if (i >= max) {
			fprintf(out, ", and %zu more: see --format json", n - max);
			break;
		}
		fprintf(out, "%s%s", i ? ", " : "", json_is_string(v) ? json_string_value(v) : "?");
	}
	fputc('\n', out);
}

static void labelled(FILE *out, const char *lead, const char *label, int color)
{
	fprintf(out, "%s%s%s:%s ", lead, color ? C_DIM : "", label, color ? C_RESET : "");
}

void cd_text_evidence(FILE *out, const struct cd_finding *f, const char *lead, size_t max, int color)
{
	static const struct {
		const char *key, *label;
	} LISTS[] = {
		{"added", "added"},           {"removed", "removed"},
		{"san_added", "SAN added"},   {"san_removed", "SAN removed"},
		{"wildcard_names", "wildcard names"}, {"ignored", "ignored as if absent"},
		{"missing_eku", "missing EKU"}, {"missing_key_usage", "missing key usage"},
	};
	const json_t *e = f->evidence, *v;
	size_t i;
	if (!json_is_object(e))
		return;
	for (size_t k = 0; k < sizeof(LISTS) / sizeof(LISTS[0]); k++)
		if (json_is_array(v = json_object_get(e, LISTS[k].key)))
			list_line(out, lead, LISTS[k].label, v, max, color);
	/* keys: the certificate's, and who holds it */
	if (json_is_string(v = json_object_get(e, "certificate_key_sha256"))) {
		labelled(out, lead, "certificate key SHA-256", color);
		fprintf(out, "%s\n", json_string_value(v));
	}
	json_array_foreach(json_object_get(e, "pending_csrs"), i, v) {
		if (i >= max)
			break;
		labelled(out, lead, "pending CSR", color);
		ref_text(out, v);
		fputc('\n', out);
	}
	more(out, lead, json_array_size(json_object_get(e, "pending_csrs")), max);
	if (json_is_array(v = json_object_get(e, "same_key_in_input"))) {
		const json_t *a = v;
		if (!json_array_size(a)) {
			labelled(out, lead, "holds the certificate's key", color);
			fputs("no CSR or certificate in the input\n", out);
		}
		json_array_foreach(a, i, v) {
			if (i >= max)
				break;
			labelled(out, lead, "holds the certificate's key", color);
			ref_text(out, v);
			fputc('\n', out);
		}
		more(out, lead, json_array_size(a), max);
	}
	/* the issuer a chain lacks */
	if (json_is_string(v = json_object_get(e, "missing_issuer"))) {
		const char *kid = json_string_value(json_object_get(e, "missing_issuer_key_id"));
		labelled(out, lead, "missing issuer", color);
		fprintf(out, "%s%s%s%s\n", json_string_value(v), kid ? " (key id " : "", kid ? kid : "", kid ? ")" : "");
	}
	if (json_is_array(v = json_object_get(e, "missing"))) {
		const json_t *a = v;
		json_array_foreach(a, i, v) {
			const char *subj = json_string_value(json_object_get(v, "subject"));
			const char *aki = json_string_value(json_object_get(v, "aki"));
			const json_t *in = json_object_get(v, "in_input");
			if (i >= max)
				break;
			if (!json_is_object(v))
				continue;
			labelled(out, lead, "missing", color);
			fprintf(out, "%s%s%s%s", subj ? subj : "?", aki ? " (AKI " : "", aki ? aki : "", aki ? ")" : "");
			if (json_is_object(in)) {
				fputs("; the input holds it: ", out);
				ref_text(out, in);
			} else if (json_object_get(v, "in_input")) {
				fputs("; not in the input", out);
			}
			fputc('\n', out);
		}
		more(out, lead, json_array_size(a), max);
	}
	/* log lines: where, and Expressway's Detail */
	if (json_is_string(v = json_object_get(json_object_get(e, "fields"), "detail"))) {
		labelled(out, lead, "Detail", color);
		fprintf(out, "%s\n", json_string_value(v));
	}
	json_array_foreach(json_object_get(e, "examples"), i, v) {
		if (i >= max)
			break;
		labelled(out, lead, "log", color);
		fprintf(out, "%s:%lld: %s\n", json_string_value(json_object_get(v, "file")),
			(long long)json_integer_value(json_object_get(v, "line")),
			json_string_value(json_object_get(v, "text")));
	}
	if (json_is_integer(v = json_object_get(e, "count")) && json_object_get(e, "examples") &&
	    json_integer_value(v) > (json_int_t)json_array_size(json_object_get(e, "examples"))) {
		labelled(out, lead, "log lines", color);
		fprintf(out, "%lld in all, %zu shown\n", (long long)json_integer_value(v),
			json_array_size(json_object_get(e, "examples")));
	}
	if (json_is_string(v = json_object_get(e, "likely_cause")) || json_is_string(v = json_object_get(e, "typical_cause"))) {
		labelled(out, lead, "likely cause", color);
		fprintf(out, "%s\n", json_string_value(v));
	}
}
