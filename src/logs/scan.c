/* scan.c - read a text log line by line against the signature set: a keyword prefilter over
 * the whole buffer (4-byte case-folded hashes), PCRE2 only on candidate lines, benign
 * signatures first, first match wins; each hit is aggregated into the model
 * (PRODUCT-FACTS §4 lists the lines, the log locations and the benign certMgmt line). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <fnmatch.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "logs/logs.h"
#include "util/error.h"
#include "util/str.h"

#define MAX_CAPS 16

/* ------------------------------------------------------------------ timestamps */

static int digits(const char *p, size_t n, size_t k, int *v)
{
	int x = 0;
	if (k > n)
		return 0;
	for (size_t i = 0; i < k; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		x = x * 10 + (p[i] - '0');
	}
	*v = x;
	return 1;
}

static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static const char MONTHS[] = "janfebmaraprmayjunjulaugsepoctnovdec";

static int month(const char *p, size_t n)
{
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if ((p[0] | 0x20) == MONTHS[3 * i] && (p[1] | 0x20) == MONTHS[3 * i + 1] &&
		    (p[2] | 0x20) == MONTHS[3 * i + 2])
			return i + 1;
	return 0;
}

/* HH:MM:SS then optional .frac or ,frac; returns bytes used, 0 if none */
static size_t hms(const char *p, size_t n, int *h, int *mi, int *s)
{
	size_t k;
	if (!(digits(p, n, 2, h) && n > 2 && p[2] == ':' && digits(p + 3, n - 3, 2, mi) && n > 5 &&
	      p[5] == ':' && digits(p + 6, n - 6, 2, s)))
		return 0;
	if (*h > 23 || *mi > 59 || *s > 60)
		return 0;
	k = 8;
	if (k < n && (p[k] == '.' || p[k] == ',') && k + 1 < n && p[k + 1] >= '0' && p[k + 1] <= '9') {
		k++;
		while (k < n && p[k] >= '0' && p[k] <= '9')
			k++;
	}
	return k;
}

/* ISO at p: YYYY-MM-DD[T ]HH:MM:SS[.f][Z|+HH:MM|+HHMM] */
static size_t iso(const char *p, size_t n, cd_time_t *t)
{
	int y, mo, d, h, mi, s, oh, om;
	size_t k;
	int64_t off = 0;
	if (!(digits(p, n, 4, &y) && n > 10 && p[4] == '-' && digits(p + 5, n - 5, 2, &mo) &&
	      p[7] == '-' && digits(p + 8, n - 8, 2, &d) && (p[10] == 'T' || p[10] == ' ')))
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return 0;
	if (!(k = hms(p + 11, n - 11, &h, &mi, &s)))
		return 0;
	k += 11;
	if (k < n && p[k] == 'Z') {
		k++;
	} else if (k < n && (p[k] == '+' || p[k] == '-') && digits(p + k + 1, n - k - 1, 2, &oh)) {
		size_t q = k + 3;
		om = 0;
		if (q < n && p[q] == ':')
			q++;
		if (digits(p + q, n - q, 2, &om))
			q += 2;
		off = (int64_t)(oh * 3600 + om * 60) * (p[k] == '+' ? 1 : -1);
		k = q;
	}
	*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - off;
	return k;
}

/* Tomcat/Java: DD-Mon-YYYY HH:MM:SS[.fff] */
static size_t tomcat(const char *p, size_t n, cd_time_t *t)
{
	int d, mo, y, h, mi, s;
	size_t k;
	if (!(digits(p, n, 2, &d) && n > 12 && p[2] == '-' && (mo = month(p + 3, n - 3)) &&
	      p[6] == '-' && digits(p + 7, n - 7, 4, &y) && p[11] == ' '))
		return 0;
	if (!(k = hms(p + 12, n - 12, &h, &mi, &s)))
		return 0;
	*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
	return k + 12;
}

/* syslog: Mon DD HH:MM:SS (no year: not parsed to a time) */
static size_t syslog_ts(const char *p, size_t n)
{
	int d, h, mi, s;
	size_t k = 4;
	if (n < 15 || !month(p, n) || p[3] != ' ')
		return 0;
	if (p[4] == ' ')
		k++;
	if (!digits(p + k, n - k, p[4] == ' ' ? 1 : 2, &d))
		return 0;
	k += p[4] == ' ' ? 1 : 2;
	if (k >= n || p[k] != ' ')
		return 0;
	k++;
	{
		size_t q = hms(p + k, n - k, &h, &mi, &s);
		return q ? k + q : 0;
	}
}

int cd_log_timestamp(const char *line, size_t len, char *text, size_t text_size, cd_time_t *t)
{
	size_t lim = len < 40 ? len : 40;
	*t = CD_TIME_NONE;
	if (text_size)
		text[0] = 0;
	for (size_t i = 0; i < lim; i++) {
		const char *p = line + i;
		size_t n = len - i, k = 0;
		cd_time_t v = CD_TIME_NONE;
		if (p[0] >= '0' && p[0] <= '9' && (i == 0 || line[i - 1] < '0' || line[i - 1] > '9')) {
			if (!(k = iso(p, n, &v)) && !(k = tomcat(p, n, &v)) && i + 1 < len &&
			    line[i - (i > 0)] == '|') {
				/* CallManager SDL trace: "00012345.001 |12:34:56.789 |AppInfo" */
				int h, mi, s;
				k = hms(p, n, &h, &mi, &s);
			}
		} else if (i == 0 || line[i - 1] == '[' || line[i - 1] == '>') {
			/* syslog only at the start ("<13>May  4 ..." too): "Not Before: May  4
			 * 10:00:00 2026 GMT" in an openssl -text dump is not a log line */
			k = syslog_ts(p, n);
		}
		if (k) {
			size_t l = k < text_size - 1 ? k : text_size - 1;
			memcpy(text, p, l);
			text[l] = 0;
			*t = v;
			return 1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ which files are logs */

/* PRODUCT-FACTS §4: "CUCM platform logs platform/log/certMgmt*.log, certCN*.log, certm*.log;
 * Tomcat tomcat/logs/catalina*, tomcat/logs/security/log4j/security*; CallManager SDL/SDI
 * traces." IM&P uses the same platform and Tomcat layout; Expressway diagnostic logs and
 * snapshots are named loggingsnapshot* and diagnostic_log*. Matched anywhere in the path. */
static const char *const LOG_PATHS[] = {
	"*platform/log/certMgmt*",  "*platform/log/certCN*", "*platform/log/certm*",
	"*tomcat/logs/catalina*",   "*tomcat/logs/security/*", "*cm/trace/ccm/sdl/*",
	"*cm/trace/ccm/sdi/*",      "*/sdl/SDL*",              "*/sdi/ccm*",
	"*loggingsnapshot*",        "*diagnostic_log*",        "*/var/log/*",
	"*network_log*",            "*/epx/*.log*",            NULL,
};

static int log_path(const char *rel)
{
	if (!rel)
		return 0;
	for (size_t i = 0; LOG_PATHS[i]; i++)
		if (fnmatch(LOG_PATHS[i], rel, 0) == 0)
			return 1;
	/* a relative path "platform/log/x.log" has no leading "*": match it with "/" prepended */
	if (rel[0] != '/') {
		char buf[4096];
		size_t l = strlen(rel);
		if (l + 2 > sizeof(buf))
			return 0;
		buf[0] = '/';
		memcpy(buf + 1, rel, l + 1);
		for (size_t i = 0; LOG_PATHS[i]; i++)
			if (fnmatch(LOG_PATHS[i], buf, 0) == 0)
				return 1;
	}
	return 0;
}

static int mostly_text(const uint8_t *p, size_t len)
{
	size_t bad = 0, n = len < 4096 ? len : 4096;
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x09 || (p[i] > 0x0d && p[i] < 0x20) || p[i] == 0x7f)
			bad++;
	return bad * 100 <= n;
}

static uint32_t fold4(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v | 0x20202020u;
}

static int bloom_hit(const struct cd_logsig_set *s, const uint8_t *p)
{
	uint32_t h = (fold4(p) * 2654435761u) >> 16;
	return (int)((s->bloom[h >> 6] >> (h & 63)) & 1);
}

static int has_ci(const char *line, size_t len, const char *kw)
{
	size_t kl = strlen(kw);
	char c0 = (char)(kw[0] | 0x20);
	if (kl > len)
		return 0;
	for (size_t i = 0; i + kl <= len; i++)
		if ((line[i] | 0x20) == c0 && strncasecmp(line + i, kw, kl) == 0)
			return 1;
	return 0;
}

/* A keyword of some signature starts at p (n bytes remain)? */
static int keyword_at(const struct cd_logsig_set *s, const uint8_t *p, size_t n)
{
	uint32_t h;
	if (n < 4)
		return 0;
	h = (fold4(p) * 2654435761u) >> 16;
	if (!((s->first[h >> 6] >> (h & 63)) & 1))
		return 0;
	for (size_t i = 0; i < s->n; i++) {
		const char *kw = s->v[i].keyword;
		size_t kl;
		if (!kw || fold4((const uint8_t *)kw) != fold4(p))
			continue;
		kl = strlen(kw);
		if (kl <= n && strncasecmp((const char *)p, kw, kl) == 0)
			return 1;
	}
	return 0;
}

int cd_log_looks_like(const struct cd_logsig_set *s, const uint8_t *data, size_t len,
		      const char *rel)
{
	size_t pos = 0, lines = 0, stamped = 0;
	if (!len || !mostly_text(data, len))
		return 0;
	if (log_path(rel))
		return 1;
	/* timestamps at the start of most of the first lines */
	while (pos < len && lines < 16) {
		const uint8_t *nl = memchr(data + pos, '\n', len - pos);
		size_t e = nl ? (size_t)(nl - data) : len;
		char ts[64];
		cd_time_t t;
		if (e > pos) {
			lines++;
			stamped += (size_t)cd_log_timestamp((const char *)data + pos, e - pos, ts,
							    sizeof(ts), &t);
		}
		pos = e + 1;
	}
	if (stamped >= 2 && stamped * 2 >= lines)
		return 1;
	/* or a known error line anywhere */
	if (s)
		for (size_t i = 0; i + 4 <= len; i++)
			if (bloom_hit(s, data + i) && keyword_at(s, data + i, len - i))
				return 1; /* every position: the bloom holds more than first 4-grams */
	return 0;
}

/* ------------------------------------------------------------------ matching */

struct scan {
	struct cd_model *m;
	const struct cd_logsig_set *s;
	const uint8_t *data;
	size_t len;
	const struct cd_source *src;
	size_t counted;        /* newlines counted up to this offset */
	unsigned long line_no; /* line number at offset counted */
	int lost;
};

static unsigned long line_of(struct scan *c, size_t start)
{
	while (c->counted < start) {
		const uint8_t *nl = memchr(c->data + c->counted, '\n', start - c->counted);
		if (!nl) {
			c->counted = start;
			break;
		}
		c->line_no++;
		c->counted = (size_t)(nl - c->data) + 1;
	}
	return c->line_no;
}

/* the line's own timestamp, or that of one of the CD_LOG_TS_LOOKBACK lines before it
 * (a Java "Caused by:" line belongs to the stamped line above) */
static void timestamp_for(struct scan *c, size_t ls, size_t le, char *ts, size_t n, cd_time_t *t)
{
	size_t e = le;
	for (int k = 0; k <= CD_LOG_TS_LOOKBACK; k++) {
		if (cd_log_timestamp((const char *)c->data + ls, e - ls, ts, n, t))
			return;
		if (ls == 0)
			break;
		e = ls - 1; /* the previous line ends at its newline */
		ls = e;
		while (ls > 0 && c->data[ls - 1] != '\n')
			ls--;
		if (e - ls > CD_LOG_LINE_MAX)
			break;
	}
	ts[0] = 0;
	*t = CD_TIME_NONE;
}

static void hit(struct scan *c, const struct cd_logsig *g, const struct cd_log_capture *caps,
		size_t n_caps, size_t ls, size_t le)
{
	struct cd_log_field f[MAX_CAPS + 2];
	char ts[64], num[24];
	const char *rule = g->rule;
	struct cd_log_hit h;
	long verr = -1;
	size_t nf = 0;
	int rc, have_number = 0;

	for (size_t i = 0; i < n_caps; i++) {
		f[nf].name = (char *)caps[i].name;
		f[nf].value = (char *)caps[i].value;
		nf++;
		/* a verify error number or OpenSSL text decides the diagnosis family */
		if (!strcmp(caps[i].name, "verify_error")) {
			unsigned long v;
			if (cd_parse_uint(caps[i].value, 100000, &v) == CD_OK) {
				verr = (long)v;
				have_number = 1;
			} else {
				verr = cd_log_verify_number(caps[i].value);
			}
		} else if (!strcmp(caps[i].name, "detail") && verr < 0) {
			verr = cd_log_verify_number(caps[i].value);
		}
	}
	if (verr >= 0 && cd_log_verify_rule(verr)) {
		rule = cd_log_verify_rule(verr);
		if (!have_number) {
			snprintf(num, sizeof(num), "%ld", verr);
			f[nf].name = "verify_error_number";
			f[nf].value = num;
			nf++;
		}
		f[nf].name = "verify_error_text";
		f[nf].value = (char *)cd_log_verify_text(verr);
		nf++;
	}
	memset(&h, 0, sizeof(h));
	h.signature = g->id;
	h.rule = rule;
	h.product = g->product;
	h.title = g->title;
	h.product_message = g->product_message;
	h.diagnosis = g->diagnosis;
	h.remedy = g->remedy;
	h.fields = f;
	h.n_fields = nf;
	h.line = line_of(c, ls);
	h.text = (const char *)c->data + ls;
	h.text_len = le - ls;
	timestamp_for(c, ls, le, ts, sizeof(ts), &h.t);
	h.ts = ts;
	rc = cd_model_log_hit(c->m, &h, c->src);
	if (rc == CD_E_NOMEM)
		c->lost = rc;
}

/* Match one line; only_every: try only the signatures without a keyword. */
static void do_line(struct scan *c, size_t ls, size_t le, int only_every)
{
	const char *line = (const char *)c->data + ls;
	size_t len = le - ls;
	struct cd_log_capture caps[MAX_CAPS];
	size_t n_caps;
	if (len && line[len - 1] == '\r')
		len--;
	if (len > CD_LOG_LINE_MAX)
		len = CD_LOG_LINE_MAX;
	/* benign signatures first: a benign line is never an error */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < c->s->n; i++) {
			const struct cd_logsig *g = &c->s->v[i];
			if (g->benign != (pass == 0))
				continue;
			if (only_every && g->keyword)
				continue;
			if (g->keyword && !has_ci(line, len, g->keyword))
				continue;
			if (cd_logsig_match(c->s, g, line, len, caps, MAX_CAPS, &n_caps) != 1)
				continue;
			c->m->stats.log_lines++;
			if (g->benign)
				c->m->stats.log_benign++;
			else
				hit(c, g, caps, n_caps, ls, le);
			return;
		}
}

int cd_log_scan(struct cd_model *m, const struct cd_logsig_set *s, const uint8_t *data,
		size_t len, const struct cd_source *src)
{
	struct scan c;
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.s = s;
	c.data = data;
	c.len = len;
	c.src = src;
	c.line_no = 1;
	m->stats.logs++;
	if (s->has_every_line) {
		/* slow path: some signature has no keyword, so every line is tried */
		size_t pos = 0;
		while (pos < len && !c.lost) {
			const uint8_t *nl = memchr(data + pos, '\n', len - pos);
			size_t e = nl ? (size_t)(nl - data) : len;
			do_line(&c, pos, e, 0);
			pos = e + 1;
		}
		return c.lost ? c.lost : CD_OK;
	}
	/* check every step-th position; a hit may be up to step-1 bytes into a keyword */
	{
		size_t i = 0, next = 0; /* next: start of the first line not yet matched */
		while (i + 4 <= len && !c.lost) {
			size_t ls, le, k, from = i >= s->step - 1 ? i - (s->step - 1) : 0;
			const uint8_t *nl;
			if (from < next)
				from = next;
			if (!bloom_hit(s, data + i)) {
				i += s->step;
				continue;
			}
			for (k = from; k <= i && !keyword_at(s, data + k, len - k); k++)
				;
			if (k > i) {
				i += s->step;
				continue;
			}
			for (ls = k; ls > 0 && data[ls - 1] != '\n'; ls--)
				;
			nl = memchr(data + k, '\n', len - k);
			le = nl ? (size_t)(nl - data) : len;
			do_line(&c, ls, le, 0);
			i = next = le + 1;
		}
	}
	return c.lost ? c.lost : CD_OK;
}
