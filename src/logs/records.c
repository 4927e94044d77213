/* records.c - log hits into the model's log records: one per signature, rule and
 * host/address/subject, aggregated as lines arrive (count, first/last timestamp, a few examples
 * with provenance). */
#include <stdlib.h>
#include <string.h>
#include "util/error.h"
#include "util/str.h"
#include "logs/logs.h"

static const char *field(const struct cd_log_hit *h, const char *name)
{
	for (size_t i = 0; i < h->n_fields; i++)
		if (!strcmp(h->fields[i].name, name))
			return h->fields[i].value;
	return "";
}

static uint64_t mix(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ULL;
	return (h ^ 0xff) * 0x100000001b3ULL; /* separator */
}

static uint64_t key_hash(const char *sig, const char *rule, const char *host, const char *addr,
			 const char *subj)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	h = mix(h, sig);
	h = mix(h, rule);
	h = mix(h, host);
	h = mix(h, addr);
	return mix(h, subj);
}

static int same_key(const struct cd_log_record *r, const char *sig, const char *rule,
		    const char *host, const char *addr, const char *subj)
{
	return !strcmp(r->signature, sig) && !strcmp(r->rule, rule) && !strcmp(r->host, host) &&
	       !strcmp(r->address, addr) && !strcmp(r->subject, subj);
}

static int index_grow(struct cd_model *m)
{
	size_t cap = m->logs_index_cap ? m->logs_index_cap * 2 : 256;
	size_t *ix = malloc(cap * sizeof(*ix));
	if (!ix)
		return CD_E_NOMEM;
	for (size_t i = 0; i < cap; i++)
		ix[i] = SIZE_MAX;
	for (size_t i = 0; i < m->n_logs; i++) {
		const struct cd_log_record *r = &m->logs[i];
		size_t s = (size_t)key_hash(r->signature, r->rule, r->host, r->address, r->subject) &
			   (cap - 1);
		while (ix[s] != SIZE_MAX)
			s = (s + 1) & (cap - 1);
		ix[s] = i;
	}
	free(m->logs_index);
	m->logs_index = ix;
	m->logs_index_cap = cap;
	return CD_OK;
}

static int add_example(struct cd_log_record *r, const struct cd_log_hit *h,
		       const struct cd_source *src)
{
	struct cd_log_example *e;
	size_t n = h->text_len;
	if (r->n_examples >= CD_LOG_EXAMPLES)
		return CD_OK;
	e = &r->examples[r->n_examples];
	while (n && (h->text[n - 1] == '\r' || h->text[n - 1] == '\n'))
		n--;
	e->path = cd_strdup(src->path ? src->path : "");
	e->rel = cd_strdup(src->rel ? src->rel : "");
	e->text = cd_strndup(h->text, n > CD_LOG_EXAMPLE_MAX ? CD_LOG_EXAMPLE_MAX : n);
	e->line = h->line;
	if (!e->path || !e->rel || !e->text) {
		free(e->path);
		free(e->rel);
		free(e->text);
		memset(e, 0, sizeof(*e));
		return CD_E_NOMEM;
	}
	r->n_examples++;
	return CD_OK;
}

static int record_new(struct cd_model *m, const struct cd_log_hit *h, const char *host,
		      const char *addr, const char *subj, const struct cd_source *src)
{
	struct cd_log_record *r;
	if (m->n_logs == m->cap_logs) {
		size_t cap = m->cap_logs ? m->cap_logs * 2 : 16;
		struct cd_log_record *nl = realloc(m->logs, cap * sizeof(*nl));
		if (!nl)
			return CD_E_NOMEM;
		m->logs = nl;
		m->cap_logs = cap;
	}
	r = &m->logs[m->n_logs];
	memset(r, 0, sizeof(*r));
	r->signature = cd_strdup(h->signature);
	r->rule = cd_strdup(h->rule);
	r->product = cd_strdup(h->product ? h->product : "");
	r->title = cd_strdup(h->title ? h->title : "");
	r->product_message = cd_strdup(h->product_message);
	r->diagnosis = cd_strdup(h->diagnosis);
	r->remedy = cd_strdup(h->remedy);
	r->host = cd_strdup(host);
	r->address = cd_strdup(addr);
	r->subject = cd_strdup(subj);
	r->first_seen = cd_strdup(h->ts ? h->ts : "");
	r->last_seen = cd_strdup(h->ts ? h->ts : "");
	r->first_t = r->last_t = h->t;
	r->count = 1;
	r->fields = calloc(h->n_fields ? h->n_fields : 1, sizeof(*r->fields));
	if (!r->signature || !r->rule || !r->product || !r->title || !r->host || !r->address ||
	    !r->subject || !r->first_seen || !r->last_seen || !r->fields)
		goto nomem;
	for (size_t i = 0; i < h->n_fields; i++) {
		r->fields[i].name = cd_strdup(h->fields[i].name);
		r->fields[i].value = cd_strdup(h->fields[i].value);
		r->n_fields++;
		if (!r->fields[i].name || !r->fields[i].value)
			goto nomem;
	}
	if (add_example(r, h, src) < 0)
		goto nomem;
	m->n_logs++;
	return CD_OK;
nomem:
	cd_log_record_release(r);
	return CD_E_NOMEM;
}

static int set_seen(char **slot, cd_time_t *t_slot, const struct cd_log_hit *h)
{
	char *s = cd_strdup(h->ts ? h->ts : "");
	if (!s)
		return CD_E_NOMEM;
	free(*slot);
	*slot = s;
	*t_slot = h->t;
	return CD_OK;
}

int cd_model_log_hit(struct cd_model *m, const struct cd_log_hit *h, const struct cd_source *src)
{
	const char *host = field(h, "host"), *addr = field(h, "address"), *subj = field(h, "subject");
	size_t s;
	struct cd_log_record *r;
	int rc;

	if (m->n_logs * 2 >= m->logs_index_cap && index_grow(m) < 0)
		return CD_E_NOMEM;
	s = (size_t)key_hash(h->signature, h->rule, host, addr, subj) & (m->logs_index_cap - 1);
	for (; m->logs_index[s] != SIZE_MAX; s = (s + 1) & (m->logs_index_cap - 1))
		if (same_key(&m->logs[m->logs_index[s]], h->signature, h->rule, host, addr, subj))
			break;
	if (m->logs_index[s] == SIZE_MAX) {
		if (m->n_logs >= CD_LIMIT_LOG_RECORDS) {
			if (!m->logs_limit_reported) {
				struct cd_source w = *src;
				m->logs_limit_reported = 1;
				cd_model_event(m, "ingest.limit-reached", &w, 0, SIZE_MAX,
					       "more than %d distinct log findings (signature and "
					       "host/subject) in one scan: further ones are not recorded "
					       "(line %lu)",
					       CD_LIMIT_LOG_RECORDS, h->line);
			}
			return CD_E_LIMIT;
		}
		rc = record_new(m, h, host, addr, subj, src);
		if (rc == CD_OK)
			m->logs_index[s] = m->n_logs - 1;
		return rc;
	}
	r = &m->logs[m->logs_index[s]];
	r->count++;
	if (add_example(r, h, src) < 0)
		return CD_E_NOMEM;
	if (!h->ts || !*h->ts)
		return CD_OK;
	/* by parsed time when both have a date, else by order of sight */
	if (h->t != CD_TIME_NONE && r->first_t != CD_TIME_NONE) {
		if (h->t < r->first_t && set_seen(&r->first_seen, &r->first_t, h) < 0)
			return CD_E_NOMEM;
		if (h->t >= r->last_t && set_seen(&r->last_seen, &r->last_t, h) < 0)
			return CD_E_NOMEM;
		return CD_OK;
	}
	if (!*r->first_seen && set_seen(&r->first_seen, &r->first_t, h) < 0)
		return CD_E_NOMEM;
	return set_seen(&r->last_seen, &r->last_t, h);
}
