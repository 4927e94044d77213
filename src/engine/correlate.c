/* correlate.c - link each log finding to the certificates it names (by IP address, host name
 * or subject) and to those certificates' own findings, both ways (issue 5: "the report links
 * them"). Runs once after every check. */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "engine/engine.h"

/* A DN as text, compared loosely: case-folded, no spaces around ',', '=' and '+'. */
static void dn_fold(const char *in, char *out, size_t size)
{
	size_t k = 0;
	for (size_t i = 0; in[i] && k + 1 < size; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c == ' ' && (k == 0 || out[k - 1] == ',' || out[k - 1] == '=' || out[k - 1] == '+' ||
				 in[i + 1] == ',' || in[i + 1] == '=' || in[i + 1] == '+' || in[i + 1] == ' '))
			continue;
		out[k++] = (char)tolower(c);
	}
	out[k] = 0;
}

/* The CN value inside a DN string ("CN=host,O=x" or "O=x, CN=host"), into out. */
static int dn_cn(const char *dn, char *out, size_t size)
{
	const char *p = dn;
	while ((p = strcasestr(p, "cn="))) {
		if (p == dn || p[-1] == ',' || p[-1] == ' ' || p[-1] == '/') {
			size_t n = strcspn(p + 3, ",/+");
			if (n >= size)
				n = size - 1;
			memcpy(out, p + 3, n);
			out[n] = 0;
			while (n && out[n - 1] == ' ')
				out[--n] = 0;
			return n > 0;
		}
		p += 3;
	}
	return 0;
}

static int matches(const struct cd_cert *c, const char *host, const char *address,
		   const char *subject)
{
	uint8_t ip[16];
	if (address && *address) {
		unsigned len = inet_pton(AF_INET, address, ip) == 1 ? 4 : inet_pton(AF_INET6, address, ip) == 1 ? 16 : 0;
		if (len) {
			for (size_t i = 0; i < c->n_san; i++)
				if (c->san[i].type == CD_SAN_IP && c->san[i].ip_len == len && !memcmp(c->san[i].ip, ip, len))
					return 1;
		} else if (cd_host_matches(c, address)) {
			return 1;
		}
	}
	if (host && *host && (cd_host_matches(c, host) || (c->subject.cn && !strcasecmp(c->subject.cn, host))))
		return 1;
	if (subject && *subject) {
		char a[1024], b[1024], cn[256];
		dn_fold(subject, a, sizeof(a));
		dn_fold(c->subject.display, b, sizeof(b));
		if (!strcmp(a, b))
			return 1;
		if (dn_cn(subject, cn, sizeof(cn)) && c->subject.cn && !strcasecmp(cn, c->subject.cn))
			return 1;
	}
	return 0;
}

static json_t *brief(const struct cd_finding *f)
{
	return json_pack("{s:s,s:s}", "rule", f->rule->id, "message", f->message);
}

void cd_engine_correlate(struct cd_report *r, const struct cd_model *m)
{
	size_t n = r->n_findings; /* no finding is added here, so indices are stable */
	for (size_t i = 0; i < n; i++) {
		struct cd_finding *f = &r->findings[i];
		const char *host, *address, *subject;
		json_t *related;
		size_t before;
		if (strncmp(f->rule->id, "log.", 4))
			continue;
		host = json_string_value(json_object_get(f->evidence, "host"));
		address = json_string_value(json_object_get(f->evidence, "address"));
		subject = json_string_value(json_object_get(f->evidence, "subject"));
		if (!host && !address && !subject)
			continue;
		before = f->n_objects;
		for (size_t k = 0; k < m->n_objects; k++)
			if (m->objects[k]->kind == CD_KIND_CERT &&
			    matches(m->objects[k]->u.cert, host, address, subject))
				cd_finding_add_object(f, m, k);
		if (f->n_objects == before)
			continue;
		related = json_array();
		for (size_t j = 0; j < n; j++) {
			struct cd_finding *g = &r->findings[j];
			int shared = 0;
			if (j == i || !strncmp(g->rule->id, "log.", 4))
				continue;
			for (size_t a = before; a < f->n_objects && !shared; a++)
				for (size_t b = 0; b < g->n_objects && !shared; b++)
					shared = f->objects[a] == g->objects[b];
			if (!shared)
				continue;
			json_array_append_new(related, brief(g));
			json_t *back = json_object_get(g->evidence, "related_log_findings");
			if (!back) {
				back = json_array();
				json_object_set_new(g->evidence, "related_log_findings", back);
			}
			json_array_append_new(back, brief(f));
		}
		{
			json_t *ids = json_array();
			for (size_t a = before; a < f->n_objects; a++)
				json_array_append_new(ids, json_string(m->objects[f->objects[a]]->id));
			json_object_set_new(f->evidence, "certificates_named", ids);
		}
		if (json_array_size(related))
			json_object_set_new(f->evidence, "related_findings", related);
		else
			json_decref(related);
	}
}
