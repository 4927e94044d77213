/* sarif.c - SARIF 2.1.0 (OASIS Standard, docs.oasis-open.org/sarif/sarif/v2.1.0/) for scan,
 * precheck and verify: tool.driver lists every catalogue rule (§3.19.23 rules), one result per
 * finding (§3.27) with its locations relative to the scanned root (§3.4.4 uriBaseId; an archive
 * member: the archive's uri, the member path in the location's properties) and a
 * partialFingerprint from the rule id and the SHA-256 of the objects (§3.27.17), so re-runs
 * do not duplicate alerts. Written as a stream like the JSON report. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <gnutls/crypto.h>
#include "report/common.h"
#include "util/error.h"

#ifndef CD_DOCDIR
#define CD_DOCDIR "/usr/local/share/doc/certdiag"
#endif

static const char *level(enum cd_severity s)
{
	return s == CD_SEV_ERROR ? "error" : s == CD_SEV_WARNING ? "warning" : "note";
}

/* A relative URI reference (RFC 3986): unreserved characters and '/' kept, the rest
 * percent-encoded. */
static void jw_uri(struct cd_jw *w, const char *path, size_t n)
{
	static const char HEX[] = "0123456789ABCDEF";
	char *b = malloc(3 * n + 1);
	size_t l = 0;
	if (!b) {
		cd_jw_strn(w, path, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~' || c == '/' || (c == ':' && i < 8)) {
			b[l++] = (char)c;
		} else {
			b[l++] = '%';
			b[l++] = HEX[c >> 4];
			b[l++] = HEX[c & 15];
		}
	}
	cd_jw_strn(w, b, l);
	free(b);
}

/* The path relative to the scanned root: rel when the model has it, else path with a given
 * input directory stripped. */
static const char *relative(const struct cd_doc *d, const char *path, const char *rel)
{
	if (rel && *rel && !(path && strstr(path, "!/")))
		return rel;
	for (size_t i = 0; path && i < d->n_inputs; i++) {
		size_t l = strlen(d->inputs[i]);
		while (l > 1 && d->inputs[i][l - 1] == '/')
			l--;
		if (!strncmp(path, d->inputs[i], l) && path[l] == '/')
			return path + l + 1;
	}
	return path ? path : "";
}

/* One physical location: artifactLocation relative to SRCROOT (an archive member: the archive,
 * with the member in properties; an absolute path outside the root: a file URI), region (byte
 * offset, or line). */
static void jw_location(struct cd_jw *w, const struct cd_doc *d, const char *path, const char *rel, int has_offset,
			unsigned long long offset, unsigned long line, unsigned long pem_block)
{
	const char *bang = path ? strstr(path, "!/") : NULL, *uri;
	char archive[4096];
	if (bang) {
		snprintf(archive, sizeof(archive), "%.*s", (int)(bang - path), path);
		uri = relative(d, archive, NULL);
	} else {
		uri = relative(d, path, rel);
	}
	cd_jw_object(w);
	cd_jw_key(w, "physicalLocation");
	cd_jw_object(w);
	cd_jw_key(w, "artifactLocation");
	cd_jw_object(w);
	cd_jw_key(w, "uri");
	if (uri[0] == '/') {
		char *abs = NULL;
		if (asprintf(&abs, "file://%s", uri) >= 0) {
			jw_uri(w, abs, strlen(abs));
			free(abs);
		}
	} else {
		jw_uri(w, uri, strlen(uri));
		cd_jw_kstr(w, "uriBaseId", "SRCROOT");
	}
	cd_jw_end(w);
	if (!bang && (line || has_offset)) {
		cd_jw_key(w, "region");
		cd_jw_object(w);
		if (line)
			cd_jw_kint(w, "startLine", (long long)line);
		else
			cd_jw_kint(w, "byteOffset", (long long)offset);
		cd_jw_end(w);
	}
	cd_jw_end(w);
	if (bang || pem_block) {
		cd_jw_key(w, "properties");
		cd_jw_object(w);
		if (bang) {
			cd_jw_kstr(w, "archiveMember", bang + 2);
			if (has_offset)
				cd_jw_kint(w, "memberByteOffset", (long long)offset);
			if (line)
				cd_jw_kint(w, "memberLine", (long long)line);
		}
		if (pem_block)
			cd_jw_kint(w, "pemBlock", (long long)pem_block);
		cd_jw_end(w);
	}
	cd_jw_end(w);
}

static void jw_rule(struct cd_jw *w, const struct cd_rule *r)
{
	char uri[512];
	cd_jw_object(w);
	cd_jw_kstr(w, "id", r->id);
	cd_jw_key(w, "shortDescription");
	cd_jw_object(w);
	cd_jw_kstr(w, "text", r->title);
	cd_jw_end(w);
	cd_jw_key(w, "fullDescription");
	cd_jw_object(w);
	cd_jw_kstr(w, "text", r->explanation);
	cd_jw_end(w);
	/* docs/rules.md, installed with the binary; each rule has an anchor named by its id */
	snprintf(uri, sizeof(uri), "file://%s/rules.md#%s", CD_DOCDIR, r->id);
	cd_jw_kstr(w, "helpUri", uri);
	cd_jw_key(w, "help");
	cd_jw_object(w);
	cd_jw_kstr(w, "text", r->remediation);
	cd_jw_end(w);
	cd_jw_key(w, "defaultConfiguration");
	cd_jw_object(w);
	cd_jw_kstr(w, "level", level(r->severity));
	cd_jw_end(w);
	cd_jw_key(w, "properties");
	cd_jw_object(w);
	cd_jw_kstr(w, "productMessage", r->product_message);
	cd_jw_kstr(w, "source", r->source);
	cd_jw_end(w);
	cd_jw_end(w);
}

static size_t rule_index(const struct cd_catalogue *cat, const struct cd_rule *r)
{
	if (cat && r >= cat->rules && r < cat->rules + cat->n)
		return (size_t)(r - cat->rules);
	for (size_t i = 0; cat && i < cat->n; i++)
		if (!strcmp(cat->rules[i].id, r->id))
			return i;
	return SIZE_MAX;
}

/* SHA-256 over the rule id and the SHA-256 of every object the finding names, hex. */
static void fingerprint(const struct cd_model *m, const struct cd_finding *f, char out[65])
{
	gnutls_hash_hd_t h;
	uint8_t dg[32];
	static const char HEX[] = "0123456789abcdef";
	out[0] = 0;
	if (gnutls_hash_init(&h, GNUTLS_DIG_SHA256) < 0)
		return;
	gnutls_hash(h, f->rule->id, strlen(f->rule->id) + 1);
	for (size_t i = 0; i < f->n_objects; i++)
		gnutls_hash(h, m->objects[f->objects[i]]->sha256, 32);
	if (!f->n_objects && f->rel) /* a finding about a file, not an object */
		gnutls_hash(h, f->rel, strlen(f->rel));
	if (!f->n_objects) /* and its message, which names the problem */
		gnutls_hash(h, f->message, strlen(f->message));
	gnutls_hash_deinit(h, dg);
	for (size_t i = 0; i < 32; i++) {
		out[2 * i] = HEX[dg[i] >> 4];
		out[2 * i + 1] = HEX[dg[i] & 15];
	}
	out[64] = 0;
}

static void jw_result(struct cd_jw *w, const struct cd_doc *d, const struct cd_finding *f)
{
	const struct cd_model *m = d->model;
	const char *pm = json_string_value(json_object_get(f->evidence, "product_message"));
	const json_t *ex = json_object_get(f->evidence, "examples");
	size_t ri = rule_index(d->cat, f->rule);
	char fp[65];
	cd_jw_object(w);
	cd_jw_kstr(w, "ruleId", f->rule->id);
	if (ri != SIZE_MAX)
		cd_jw_kint(w, "ruleIndex", (long long)ri);
	cd_jw_kstr(w, "level", level(f->rule->severity));
	cd_jw_key(w, "message");
	cd_jw_object(w);
	cd_jw_kstr(w, "text", f->message);
	cd_jw_end(w);
	cd_jw_key(w, "locations");
	cd_jw_array(w);
	if (json_array_size(ex)) { /* log findings: each example line */
		size_t i;
		json_t *e;
		json_array_foreach(ex, i, e) {
			const char *file = json_string_value(json_object_get(e, "file"));
			jw_location(w, d, file, NULL, 0, 0, (unsigned long)json_integer_value(json_object_get(e, "line")), 0);
		}
	} else if (f->path || f->rel) {
		jw_location(w, d, f->path, f->rel, f->has_offset, (unsigned long long)f->offset, 0, f->pem_block);
	}
	cd_jw_end(w);
	fingerprint(m, f, fp);
	cd_jw_key(w, "partialFingerprints");
	cd_jw_object(w);
	cd_jw_kstr(w, "certdiagFinding/v1", fp);
	cd_jw_end(w);
	cd_jw_key(w, "properties");
	cd_jw_object(w);
	cd_jw_key(w, "objects");
	cd_jw_array(w);
	for (size_t i = 0; i < f->n_objects; i++)
		cd_jw_str(w, m->objects[f->objects[i]]->id);
	cd_jw_end(w);
	cd_jw_kstr(w, "productMessage", pm ? pm : f->rule->product_message);
	cd_jw_key(w, "evidence");
	cd_jw_value(w, f->evidence);
	cd_jw_end(w);
	cd_jw_end(w);
}

/* verify: the problems of the best path, each a result of the chain rule that reports it */
static void jw_verify_results(struct cd_jw *w, const struct cd_doc *d)
{
	static const struct {
		enum cd_problem p;
		const char *rule;
	} MAP[] = {
		{CD_P_INCOMPLETE, "chain.incomplete"},       {CD_P_UNTRUSTED, "chain.untrusted-root"},
		{CD_P_BAD_SIGNATURE, "chain.bad-signature"}, {CD_P_ISSUER_NOT_CA, "chain.issuer-not-ca"},
		{CD_P_PATHLEN, "chain.pathlen-exceeded"},    {CD_P_NAME_CONSTRAINTS, "chain.name-constraints-violated"},
		{CD_P_EXPIRED_ISSUER, "chain.expired-issuer"}, {CD_P_EXPIRED_LEAF, "cert.expired"},
		{CD_P_EKU, "chain.eku-mismatch"},            {CD_P_HOSTNAME, "chain.hostname-mismatch"},
		{CD_P_UNANCHORED, "chain.not-anchored"},     {CD_P_MALFORMED, "chain.malformed-certificate"},
		{CD_P_CRITICAL_EXTENSION, "chain.unknown-critical-extension"},
		{CD_P_WEAK_ALGORITHM, "chain.bad-signature"}, /* as scan reports it (docs/chains.md) */
	};
	const struct cd_path *p = &d->verify->paths[0];
	int incomplete_issue = 0;
	for (size_t i = 0; i < p->n_issues; i++)
		incomplete_issue |= p->issues[i].problem == CD_P_INCOMPLETE;
	if ((p->problems & CD_P_INCOMPLETE) && !incomplete_issue) {
		const struct cd_object *top = d->model->objects[p->certs[p->n - 1]];
		const struct cd_source *src = cd_object_first_source(top);
		const struct cd_rule *r = d->cat ? cd_catalogue_find(d->cat, "chain.incomplete") : NULL;
		char msg[700];
		snprintf(msg, sizeof(msg), "no path to a trust anchor: the issuer of \"%s\" (%s) is not in the input",
			 cd_object_label(top), top->u.cert->issuer.display);
		cd_jw_object(w);
		cd_jw_kstr(w, "ruleId", "chain.incomplete");
		if (r)
			cd_jw_kint(w, "ruleIndex", (long long)rule_index(d->cat, r));
		cd_jw_kstr(w, "level", "error");
		cd_jw_key(w, "message");
		cd_jw_object(w);
		cd_jw_kstr(w, "text", msg);
		cd_jw_end(w);
		cd_jw_key(w, "locations");
		cd_jw_array(w);
		if (src)
			jw_location(w, d, src->path, src->rel, src->pem_block == 0, (unsigned long long)src->offset, 0,
				    src->pem_block);
		cd_jw_end(w);
		cd_jw_key(w, "partialFingerprints");
		cd_jw_object(w);
		snprintf(msg, sizeof(msg), "incomplete:%.32s", top->sha256_hex);
		cd_jw_kstr(w, "certdiagFinding/v1", msg);
		cd_jw_end(w);
		cd_jw_end(w);
	}
	for (size_t i = 0; i < p->n_issues; i++) {
		const struct cd_issue *is = &p->issues[i];
		const struct cd_object *o = d->model->objects[p->certs[is->at]];
		const struct cd_source *src = cd_object_first_source(o);
		const char *rule = NULL;
		const struct cd_rule *r;
		for (size_t k = 0; k < sizeof(MAP) / sizeof(MAP[0]); k++)
			if (MAP[k].p == is->problem)
				rule = MAP[k].rule;
		r = rule && d->cat ? cd_catalogue_find(d->cat, rule) : NULL;
		cd_jw_object(w);
		if (rule) {
			cd_jw_kstr(w, "ruleId", rule);
			if (r)
				cd_jw_kint(w, "ruleIndex", (long long)rule_index(d->cat, r));
		} else {
			char id[64];
			snprintf(id, sizeof(id), "verify.%s", cd_problem_name(is->problem));
			cd_jw_kstr(w, "ruleId", id);
		}
		cd_jw_kstr(w, "level", "error");
		cd_jw_key(w, "message");
		cd_jw_object(w);
		cd_jw_kstr(w, "text", is->detail);
		cd_jw_end(w);
		cd_jw_key(w, "locations");
		cd_jw_array(w);
		if (src)
			jw_location(w, d, src->path, src->rel, src->pem_block == 0, (unsigned long long)src->offset, 0,
				    src->pem_block);
		cd_jw_end(w);
		cd_jw_key(w, "partialFingerprints");
		cd_jw_object(w);
		{
			char fp[80];
			snprintf(fp, sizeof(fp), "%s:%.32s", cd_problem_name(is->problem), o->sha256_hex);
			cd_jw_kstr(w, "certdiagFinding/v1", fp);
		}
		cd_jw_end(w);
		cd_jw_end(w);
	}
}

static int write_sarif(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o)
{
	struct cd_jw w;
	char root[4200];
	(void)o;
	cd_jw_init(&w, out, 1);
	cd_jw_object(&w);
	cd_jw_kstr(&w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	cd_jw_kstr(&w, "version", "2.1.0");
	cd_jw_key(&w, "runs");
	cd_jw_array(&w);
	cd_jw_object(&w);
	cd_jw_key(&w, "tool");
	cd_jw_object(&w);
	cd_jw_key(&w, "driver");
	cd_jw_object(&w);
	cd_jw_kstr(&w, "name", "certdiag");
	cd_jw_kstr(&w, "version", CD_VERSION);
	cd_jw_kstr(&w, "semanticVersion", CD_VERSION);
	cd_jw_key(&w, "rules");
	cd_jw_array(&w);
	for (size_t i = 0; d->cat && i < d->cat->n; i++)
		jw_rule(&w, &d->cat->rules[i]);
	cd_jw_end(&w);
	cd_jw_end(&w);
	cd_jw_end(&w);
	/* the scanned root: artifact uris are relative to it */
	root[0] = 0;
	if (d->n_inputs) {
		struct stat st;
		int dir = stat(d->inputs[0], &st) == 0 && S_ISDIR(st.st_mode);
		char *abs = realpath(dir ? d->inputs[0] : ".", NULL);
		if (abs) {
			snprintf(root, sizeof(root), "file://%s%s", abs, strcmp(abs, "/") ? "/" : "");
			free(abs);
		}
	}
	if (root[0]) {
		cd_jw_key(&w, "originalUriBaseIds");
		cd_jw_object(&w);
		cd_jw_key(&w, "SRCROOT");
		cd_jw_object(&w);
		cd_jw_key(&w, "uri");
		jw_uri(&w, root, strlen(root));
		cd_jw_end(&w);
		cd_jw_end(&w);
	}
	cd_jw_key(&w, "invocations");
	cd_jw_array(&w);
	cd_jw_object(&w);
	cd_jw_kbool(&w, "executionSuccessful", d->exit_code != 2);
	cd_jw_kint(&w, "exitCode", d->exit_code);
	cd_jw_end(&w);
	cd_jw_end(&w);
	cd_jw_key(&w, "results");
	cd_jw_array(&w);
	if (d->report)
		for (size_t i = 0; i < d->report->n_findings; i++)
			jw_result(&w, d, &d->report->findings[i]);
	if (d->verify)
		jw_verify_results(&w, d);
	cd_jw_end(&w);
	cd_jw_key(&w, "properties");
	cd_jw_object(&w);
	cd_jw_kstr(&w, "command", d->command);
	if (d->precheck)
		cd_jw_kstr(&w, "precheckVerdict", cd_verdict_name(d->precheck->verdict));
	if (d->verify)
		cd_jw_kstr(&w, "verifyVerdict", cd_path_verdict(&d->verify->paths[0]));
	cd_jw_end(&w);
	cd_jw_end(&w);
	cd_jw_end(&w);
	cd_jw_end(&w);
	return ferror(out) ? CD_E_IO : CD_OK;
}

const struct cd_writer cd_writer_sarif = {
	"sarif", (1u << CD_DOC_SCAN) | (1u << CD_DOC_PRECHECK) | (1u << CD_DOC_VERIFY), 0, write_sarif};
