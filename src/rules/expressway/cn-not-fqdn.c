/* expressway.cn-not-fqdn - the common name or a DNS subject alternative name of an Expressway
 * server certificate is not a valid FQDN (PRODUCT-FACTS §3: "File upload failed.: Common name
 * must be a valid FQDN", "File upload failed.: Subject alternative name must be a valid FQDN").
 *
 * Cisco does not publish the check, so "valid FQDN" is defined here from the DNS RFCs: the
 * preferred name syntax (RFC 1034 §3.5, RFC 1123 §2.1: letters, digits and hyphens, labels of
 * 1 to 63 characters that neither start nor end with a hyphen, at most 253 characters, no
 * trailing dot as RFC 5280 §4.2.1.6 asks of dNSName), fully qualified - at least two labels -
 * with a top-level label that is not all digits (RFC 3696 §2), and not an IP address. A
 * wildcard left-most label ("*.example.com") is not judged: whether the upload refuses it is
 * not documented. IP address SANs are allowed (PRODUCT-FACTS §3); other SAN types are not
 * names and are not judged. */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "rules/expressway/upload.h"

#define CN_MESSAGE "File upload failed.: Common name must be a valid FQDN"
#define SAN_MESSAGE "File upload failed.: Subject alternative name must be a valid FQDN"
#define FQDN_DEFINITION                                                                            \
	"RFC 1034/1123 preferred name syntax: letters, digits and hyphens; labels of 1-63 "        \
	"characters not starting or ending with a hyphen; at most 253 characters; no trailing "    \
	"dot; at least two labels; top-level label not all digits; not an IP address; a "          \
	"wildcard left-most label is not judged"

#define FQDN_MAX 253  /* RFC 1035 §2.3.4: 255 octets on the wire, 253 characters as text */
#define LABEL_MAX 63  /* RFC 1035 §2.3.4 */

/* A letter, digit or hyphen (ASCII, whatever the locale). */
static int ldh(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '-';
}

/* Format the reason into why; returns 1 ("not valid"). */
static int bad(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return 1;
}

/* Why s is not a valid FQDN (into why), or 0 when it is one. */
static int fqdn_problem(const char *s, char *why, size_t size)
{
	size_t len = strlen(s), labels = 0;
	const char *p = s, *last = s;
	unsigned char a6[16];
	if (!len)
		return bad(why, size, "it is empty");
	if (inet_pton(AF_INET, s, a6) == 1 || inet_pton(AF_INET6, s, a6) == 1)
		return bad(why, size, "it is an IP address, not a name");
	if (len > FQDN_MAX)
		return bad(why, size, "it is %zu characters long, more than %d", len, FQDN_MAX);
	if (s[len - 1] == '.')
		return bad(why, size, "it ends with a dot");
	for (;;) {
		const char *dot = strchr(p, '.');
		size_t l = dot ? (size_t)(dot - p) : strlen(p);
		int wild = labels == 0 && memchr(p, '*', l) != NULL;
		labels++;
		if (l == 0)
			return bad(why, size, "it has an empty label");
		if (l > LABEL_MAX)
			return bad(why, size, "the label \"%.*s\" is %zu characters long, more than %d",
					(int)l, p, l, LABEL_MAX);
		for (size_t i = 0; i < l; i++) {
			unsigned char ch = (unsigned char)p[i];
			if (ldh(ch) || (wild && ch == '*'))
				continue;
			if (ch == ' ')
				return bad(why, size, "it contains a space");
			if (ch == '_')
				return bad(why, size, "it contains an underscore");
			if (ch >= 0x80)
				return bad(why, size, "it contains a non-ASCII character");
			if (ch < 0x20 || ch == 0x7f)
				return bad(why, size, "it contains a control character");
			return bad(why, size, "it contains the character '%c'", ch);
		}
		if (!wild && (p[0] == '-' || p[l - 1] == '-'))
			return bad(why, size, "the label \"%.*s\" starts or ends with a hyphen",
					(int)l, p);
		last = p;
		if (!dot)
			break;
		p = dot + 1;
	}
	if (labels < 2)
		return bad(why, size, "it is a single label, not a fully qualified name");
	{
		int digits = 1;
		for (const char *q = last; *q; q++)
			digits &= *q >= '0' && *q <= '9';
		if (digits)
			return bad(why, size, "its top-level label \"%s\" is all digits", last);
	}
	return 0;
}

static int check(struct cd_check_ctx *ctx, const struct cd_unit *u, size_t idx, const void *arg)
{
	(void)arg;
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	char why[160], cn_why[160] = "";
	int cn_bad = 0;
	json_t *bad_sans = json_array(), *msgs;
	const char *first_san = NULL;
	char first_why[160] = "";
	struct cd_finding *f;
	cd_check_applied(ctx);
	if (c->subject.cn)
		cn_bad = fqdn_problem(c->subject.cn, cn_why, sizeof(cn_why));
	for (size_t i = 0; i < c->n_san; i++) {
		if (c->san[i].type != CD_SAN_DNS || !c->san[i].value)
			continue;
		if (!fqdn_problem(c->san[i].value, why, sizeof(why)))
			continue;
		bad_sans = cd_json_array_push(
			bad_sans, cd_json_object_put(cd_json_object_put(json_object(), "entry",
									cd_json_text(c->san[i].value)),
						     "problem", cd_json_text(why)));
		if (!first_san) {
			first_san = c->san[i].value;
			snprintf(first_why, sizeof(first_why), "%s", why);
		}
	}
	if (!cn_bad && !first_san) {
		json_decref(bad_sans);
		return CD_OK;
	}
	if (cn_bad)
		f = cd_check_emit(ctx,
				  "the common name \"%s\" of the Expressway server certificate of %s is not "
				  "a valid FQDN (%s)%s%s",
				  c->subject.cn, cd_xw_node_label(u->node), cn_why,
				  first_san ? "; nor is its subject alternative name DNS:" : "",
				  first_san ? first_san : "");
	else
		f = cd_check_emit(ctx,
				  "the subject alternative name DNS:%s of Expressway server certificate "
				  "\"%s\" is not a valid FQDN (%s): \"" SAN_MESSAGE "\"",
				  first_san, cd_object_label(m->objects[idx]), first_why);
	cd_finding_add_object(f, m, idx);
	if (!f) {
		json_decref(bad_sans);
		return CD_OK;
	}
	if (c->subject.cn) { /* a CN need not be UTF-8: cd_json_text */
		json_t *cn = cd_json_object_put(json_object(), "value", cd_json_text(c->subject.cn));
		cn = cd_json_object_put(cn, "valid", json_boolean(!cn_bad));
		if (cn_bad)
			cn = cd_json_object_put(cn, "problem", cd_json_text(cn_why));
		cd_finding_evidence_json(f, "common_name", cn);
	}
	cd_finding_evidence_json(f, "invalid_sans", bad_sans);
	msgs = json_array();
	if (cn_bad)
		msgs = cd_json_array_push(msgs, json_string(CN_MESSAGE));
	if (first_san)
		msgs = cd_json_array_push(msgs, json_string(SAN_MESSAGE));
	cd_finding_evidence_json(f, "product_messages", msgs);
	/* the one the upload shows first (precheck and the text report quote it) */
	cd_finding_evidence_str(f, "product_message", cn_bad ? CN_MESSAGE : SAN_MESSAGE);
	cd_finding_evidence_str(f, "fqdn_definition", FQDN_DEFINITION);
	cd_xw_unit_evidence(f, ctx->opts, u);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	if (!cd_xw_selected(ctx->opts))
		return CD_OK;
	return cd_xw_each_server_cert(ctx, check, NULL);
}

const struct cd_check cd_check_expressway_cn_not_fqdn = {"expressway.cn-not-fqdn", run};
