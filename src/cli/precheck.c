/* precheck.c - `certdiag precheck`: simulate the product's upload of one certificate for one
 * purpose, in the order the product checks, and say whether it would be accepted
 * (docs/products.md). Exit 0 accepted, 1 rejected, 2 usage or input error. */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "product/profile.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"

static const char HELP[] =
	"usage: certdiag precheck --product PRODUCT[:VERSION] --purpose PURPOSE --cert FILE\n"
	"                         [--csr FILE] [--trust FILE|DIR]... [OPTIONS]\n"
	"Simulate the upload of FILE to CUCM, IM and Presence or Expressway for PURPOSE, in the\n"
	"order the product checks, print the product's own message for the first blocking failure\n"
	"and every other finding.\n\n"
	"  --product P[:V]       cucm, imp or expressway, optionally with a version\n"
	"                        (cucm:12.5(1)SU6, cucm:14SU2, expressway:X8.10, expressway:X15.4)\n"
	"  --purpose PURPOSE     CUCM: tomcat, tomcat-ECDSA, CallManager, CallManager-ECDSA, ipsec,\n"
	"                        CAPF, TVS, ITLRecovery, or a trust store (tomcat-trust, ...);\n"
	"                        IM and Presence: cup, cup-ECDSA, cup-xmpp, cup-xmpp-ECDSA,\n"
	"                        cup-xmpp-s2s, and their -trust stores; Expressway: server, trusted-ca\n"
	"  --cert FILE           the certificate to upload (PEM, DER, PKCS#7)\n"
	"  --csr FILE            the node's pending CSR for PURPOSE (absent: none pending)\n"
	"  --trust FILE|DIR      current content of the target trust store (repeatable): for an\n"
	"                        identity, its <purpose>-trust; for a -trust purpose, that store;\n"
	"                        for Expressway, the trusted CA list\n"
	"  --domain NAME         Expressway: a Unified CM registration / MRA domain (repeatable)\n"
	"  --profile-name NAME   Expressway-C: a secure phone security profile name (repeatable)\n"
	"  --edge, --core        Expressway: the certificate is for an Expressway-E / -C\n"
	"  --host NAME           the name or address peers use to reach the server\n"
	"  --public-roots PATH   Expressway-E: the public roots (store public-roots) to tell a\n"
	"                        public CA from a private one; --system-trust adds the system's\n"
	"  --at TIME             evaluation time (default now)\n"
	"  -f, --format text|json   -o, --output FILE   --force   --no-color, --color\n"
	"  -q, --quiet           text: only the verdict (and the blocking failure)\n"
	"  --rules GLOBS, --skip-rules GLOBS   narrow the rules run\n"
	"exit: 0 the product would accept the upload, 1 it would reject it, 2 usage or input error\n";

enum kind { K_IDENTITY, K_TRUST, K_SERVER, K_TRUSTED_CA };
static const char *const KIND_KEY[] = {"identity", "trust", "server", "trusted-ca"};

struct step {
	const char *rule;  /* rule id, or "format" */
	int blocking;      /* the product refuses the upload when it fails */
	int result;        /* -1 not run, 0 not applicable, 1 pass, 2 fail */
	const struct cd_finding *finding; /* the first finding naming the upload */
};

static int usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "certdiag precheck: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\ntry 'certdiag precheck --help'\n");
	return CD_EXIT_USAGE;
}

/* Is purpose known to the product? Sets kind, the role spec of the upload and its store. */
static int resolve_purpose(const struct cd_profiles *ps, const char *product, const char *purpose,
			   int edge, enum kind *kind, char *unit, size_t usize, char *store,
			   size_t ssize)
{
	const struct cd_product_profile *p = cd_profiles_find(ps, product);
	const struct cd_product_profile *cucm = cd_profiles_find(ps, "cucm");
	const json_t *pp;
	store[0] = unit[0] = 0;
	if (!p)
		return CD_E_USAGE;
	if (!strcmp(product, "expressway")) {
		if (!strcmp(purpose, "server")) {
			*kind = K_SERVER;
			cd_strlcpy(unit, edge == 1 ? "expressway-e" : edge == 0 ? "expressway-c" : "expressway-server",
				   usize);
		} else if (!strcmp(purpose, "trusted-ca")) {
			*kind = K_TRUSTED_CA;
			cd_strlcpy(unit, "expressway-trusted-ca", usize);
		} else {
			return CD_E_USAGE;
		}
		cd_strlcpy(store, "expressway-trusted-ca", ssize);
		return CD_OK;
	}
	/* CUCM and IM and Presence: an identity purpose, or one of their trust stores */
	pp = json_object_get(json_object_get(p->doc, "purposes"), purpose);
	if (!pp && !strcmp(product, "imp") && cd_json_path_has(p->doc, "shared_purposes", purpose))
		pp = json_object_get(json_object_get(cucm->doc, "purposes"), purpose);
	if (pp) {
		const char *st = json_string_value(json_object_get(pp, "trust_store"));
		*kind = K_IDENTITY;
		cd_strlcpy(unit, purpose, usize);
		cd_strlcpy(store, st ? st : "", ssize);
		return CD_OK;
	}
	if (json_object_get(json_object_get(p->doc, "trust_stores"), purpose) ||
	    (!strcmp(product, "imp") && cd_json_path_has(p->doc, "shared_trust_stores", purpose))) {
		*kind = K_TRUST;
		cd_strlcpy(unit, purpose, usize);
		cd_strlcpy(store, purpose, ssize);
		return CD_OK;
	}
	return CD_E_USAGE;
}

/* Does finding f concern the upload: name the certificate, or, when it names no object (or
 * the file holds no certificate), point at the file? */
static int concerns(const struct cd_finding *f, size_t up, const char *cert)
{
	if (up != SIZE_MAX && f->n_objects) {
		for (size_t i = 0; i < f->n_objects; i++)
			if (f->objects[i] == up)
				return 1;
		return 0;
	}
	return f->path && !strcmp(f->path, cert);
}

/* The product's words for a finding: the variant its evidence gives (e.g. the CSR path of the
 * purpose), else the rule's. */
static const char *product_message(const struct cd_finding *f)
{
	const char *v = json_string_value(json_object_get(f->evidence, "product_message"));
	return v ? v : f->rule->product_message;
}

/* Print text as one paragraph (the catalogue wraps its YAML lines), wrapped at 96 columns,
 * every line after the first indented by indent. */
static void print_wrapped(FILE *out, const char *text, const char *first, int indent)
{
	int col = fprintf(out, "%s", first);
	const char *p = text;
	while (*p) {
		size_t w;
		while (*p == ' ' || *p == '\n')
			p++;
		w = strcspn(p, " \n");
		if (!w)
			break;
		if (col + 1 + (int)w > 96 && col > indent) {
			col = fprintf(out, "\n%*s", indent, "") - 1;
		} else if (col > (int)strlen(first)) {
			fputc(' ', out);
			col++;
		}
		col += fprintf(out, "%.*s", (int)w, p);
		p += w;
	}
	fputc('\n', out);
}

int cd_cmd_precheck(int argc, char **argv)
{
	struct cd_cli o;
	struct cd_scan_opts so;
	struct cd_scan s;
	struct cd_profiles ps;
	const char *purpose = NULL, *cert = NULL, *csr = NULL;
	char **nargv = calloc((size_t)argc + 1, sizeof(*nargv));
	int nargc = 0, code = CD_EXIT_USAGE, rc;
	char unit[48], store[48], *skip = NULL, *err = NULL;
	enum kind kind = K_IDENTITY;
	struct cd_role_spec *roles = NULL;
	size_t n_roles = 0;
	const char **paths = NULL;
	size_t n_paths = 0;
	struct step *steps = NULL;
	size_t n_steps = 0, blocking_step = SIZE_MAX;
	const json_t *doc, *order, *blocking, *validity, *fmt;
	FILE *out;

	memset(&s, 0, sizeof(s));
	memset(&ps, 0, sizeof(ps));
	if (!nargv)
		return CD_EXIT_USAGE;
	/* take out the options of our own; the rest are the shared ones (cli/options.c) */
	for (int i = 0; i < argc; i++) {
		const char **dst = !strcmp(argv[i], "--purpose") ? &purpose
				   : !strcmp(argv[i], "--cert")  ? &cert
				   : !strcmp(argv[i], "--csr")   ? &csr
								 : NULL;
		if (dst && i > 0) {
			if (i + 1 >= argc) {
				free(nargv);
				return usage("option '%s' needs a value", argv[i]);
			}
			if (*dst) {
				free(nargv);
				return usage("option '%s' given twice", argv[i]);
			}
			*dst = argv[++i];
			continue;
		}
		nargv[nargc++] = argv[i];
	}
	if (cd_cli_parse(&o, nargc, nargv, "text|json") < 0) {
		cd_cli_release(&o);
		free(nargv);
		return CD_EXIT_USAGE;
	}
	if (o.help) {
		fputs(HELP, stdout);
		code = CD_EXIT_OK;
		goto done;
	}
	if (!o.product[0]) {
		code = usage("%s", "--product is required (cucm, imp or expressway[:VERSION])");
		goto done;
	}
	if (!purpose || !cert) {
		code = usage("%s", "--purpose and --cert are required");
		goto done;
	}
	if (o.n_positional) {
		code = usage("unexpected argument '%s' (give files with --cert, --csr, --trust)", o.paths[0]);
		goto done;
	}
	for (size_t i = 0; i < o.n_roles; i++)
		if (strcmp(o.roles[i].role.name, "--trust") &&
		    strcmp(o.roles[i].role.name, "public-roots")) { /* --public-roots is a reference */
			code = usage("%s", "--role does not apply to precheck: use --cert, --csr and --trust");
			goto done;
		}
	if (cd_profiles_load(&ps, &err) < 0) {
		fprintf(stderr, "certdiag precheck: %s\n", err ? err : "out of memory");
		goto done;
	}
	if (resolve_purpose(&ps, o.product, purpose, o.edge, &kind, unit, sizeof(unit), store,
			    sizeof(store)) < 0) {
		code = usage("purpose '%s' is not one the product knows (see --help)", purpose);
		goto done;
	}
	if (csr && kind != K_IDENTITY && kind != K_SERVER) {
		code = usage("%s", "--csr only applies to identity purposes");
		goto done;
	}

	/* roles: --cert is the upload, --csr the pending CSR, --trust the target store */
	roles = calloc(o.n_roles + 2, sizeof(*roles));
	paths = calloc(o.n_roles + 2, sizeof(*paths));
	if (!roles || !paths)
		goto done;
	{
		char spec[64];
		snprintf(spec, sizeof(spec), "%s", unit);
		if (cd_role_parse(&ps.roles, spec, &roles[n_roles].role) < 0) {
			code = usage("purpose '%s' has no role", purpose);
			goto done;
		}
		roles[n_roles].path = (char *)cert;
		roles[n_roles].option = "--cert";
		paths[n_paths++] = cert;
		n_roles++;
		if (csr) {
			snprintf(spec, sizeof(spec), "%s.csr", kind == K_SERVER ? "expressway-server" : unit);
			if (kind == K_SERVER) {
				memset(&roles[n_roles].role, 0, sizeof(roles[0].role));
				roles[n_roles].role.kind = CD_ROLE_CSR;
				roles[n_roles].role.origin = CD_ROLE_FROM_OPTION;
				cd_strlcpy(roles[n_roles].role.name, unit, sizeof(roles[0].role.name));
			} else if (cd_role_parse(&ps.roles, spec, &roles[n_roles].role) < 0) {
				code = usage("purpose '%s' takes no CSR", purpose);
				goto done;
			}
			roles[n_roles].path = (char *)csr;
			roles[n_roles].option = "--csr";
			paths[n_paths++] = csr;
			n_roles++;
		}
		for (size_t i = 0; i < o.n_roles; i++) {
			roles[n_roles] = o.roles[i];
			if (store[0] && !strcmp(o.roles[i].role.name, "--trust")) {
				memset(&roles[n_roles].role, 0, sizeof(roles[0].role));
				roles[n_roles].role.kind = CD_ROLE_TRUST;
				roles[n_roles].role.origin = CD_ROLE_FROM_OPTION;
				cd_strlcpy(roles[n_roles].role.name, store, sizeof(roles[0].role.name));
			}
			paths[n_paths++] = o.roles[i].path;
			n_roles++;
		}
	}
	cd_cli_scan_opts(&o, &so);
	so.paths = paths;
	so.n_paths = n_paths;
	so.roles = roles;
	so.n_roles = n_roles;
	so.eval.product.upload_path = cert;
	so.eval.product.upload_purpose = purpose;
	/* the other family's rules never apply to this upload */
	if (asprintf(&skip, "%s%s%s", o.skip_rules ? o.skip_rules : "", o.skip_rules ? "," : "",
		     strcmp(o.product, "expressway") ? "expressway.*" : "cucm.*") < 0) {
		skip = NULL;
		goto done;
	}
	so.eval.skip_rules = skip;
	for (size_t i = 0; i < n_paths; i++) {
		struct stat st;
		/* --cert and --csr are files (a folder would be walked, and nothing in it is "the
		 * upload"); --trust may be either */
		if (stat(paths[i], &st) < 0 || access(paths[i], R_OK) < 0) {
			fprintf(stderr, "certdiag: %s: %s\n", paths[i], strerror(errno));
			goto done;
		}
		if ((paths[i] == cert || paths[i] == csr) && !S_ISREG(st.st_mode)) {
			fprintf(stderr, "certdiag precheck: '%s' is not a file\n", paths[i]);
			goto done;
		}
	}
	rc = cd_scan_run(&s, &so, &err);
	if (rc < 0) {
		fprintf(stderr, "certdiag precheck: %s\n", err ? err : "out of memory");
		goto done;
	}
	if (cd_cli_input_errors(&s.model) || s.paths_failed)
		goto done; /* every input decides the verdict: none may be missing */

	/* the steps, in the product's order */
	doc = cd_profiles_find(&ps, o.product)->doc;
	if (!json_object_get(doc, "precheck_order"))
		doc = cd_profiles_find(&ps, "cucm")->doc; /* IM and Presence: the platform's checks */
	order = json_object_get(json_object_get(doc, "precheck_order"), KIND_KEY[kind]);
	blocking = json_object_get(doc, "blocking");
	validity = json_object_get(doc, "precheck_validity");
	fmt = json_object_get(doc, "precheck_format");
	steps = calloc(3 + json_array_size(order), sizeof(*steps));
	if (!steps)
		goto done;
	{
		/* cd_scan_run resolved the upload into its own copy of the options: find it again */
		size_t up = cd_scan_find_upload(&s.model, cert);
		steps[n_steps++] = (struct step){.rule = "format", .blocking = 1, .result = up == SIZE_MAX ? 2 : 1};
		steps[n_steps++] = (struct step){.rule = "cert.expired",
						  .blocking = json_is_true(json_object_get(validity, "blocking")),
						  .result = -1};
		steps[n_steps++] = (struct step){.rule = "cert.not-yet-valid", .blocking = 0, .result = -1};
		{
			size_t i;
			const json_t *v;
			json_array_foreach(order, i, v)
				if (json_is_string(v))
					steps[n_steps++] = (struct step){
						.rule = json_string_value(v),
						.blocking = cd_json_array_has(blocking, json_string_value(v)),
						.result = -1};
		}
		for (size_t k = 1; k < n_steps; k++) {
			for (size_t i = 0; i < s.report.n_results; i++)
				if (!strcmp(s.report.results[i].rule->id, steps[k].rule))
					steps[k].result = s.report.results[i].result == CD_RESULT_NA || s.report.results[i].result == CD_RESULT_NOT_CHECKED ? 0 : 1;
			for (size_t i = 0; i < s.report.n_findings; i++)
				if (!strcmp(s.report.findings[i].rule->id, steps[k].rule) &&
				    concerns(&s.report.findings[i], up, cert)) {
					steps[k].result = 2;
					steps[k].finding = &s.report.findings[i];
					break;
				}
		}
		for (size_t k = 0; k < n_steps && blocking_step == SIZE_MAX; k++)
			if (steps[k].result == 2 && steps[k].blocking)
				blocking_step = k;
		code = blocking_step == SIZE_MAX ? CD_EXIT_OK : CD_EXIT_FINDINGS;
		/* a check that could not complete leaves no verdict */
		for (size_t i = 0; i < s.report.n_results && code == CD_EXIT_OK; i++)
			if (s.report.results[i].result == CD_RESULT_FATAL) {
				fprintf(stderr, "certdiag precheck: rule %s could not complete: %s\n",
					s.report.results[i].rule->id, cd_strerror(s.report.results[i].error));
				code = CD_EXIT_USAGE;
			}
		/* an upload is accepted only when every blocking check ran (--rules may leave some
		 * out, or a profile may name a rule this build lacks) */
		for (size_t k = 0; k < n_steps && code == CD_EXIT_OK; k++)
			if (steps[k].blocking && steps[k].result < 0) {
				fprintf(stderr,
					"certdiag precheck: the blocking check %s did not run (--rules / "
					"--skip-rules): cannot tell whether the product accepts the upload\n",
					steps[k].rule);
				code = CD_EXIT_USAGE;
				goto done;
			}

		out = cd_cli_open_output(&o);
		if (!out) {
			code = CD_EXIT_USAGE;
			goto done;
		}
		if (o.format && !strcmp(o.format, "json")) {
			json_t *j = cd_json_report(&s, &so, "never", code), *pc = json_object(),
			       *ja = json_array();
			json_object_set_new(pc, "product", json_string(o.product));
			json_object_set_new(pc, "version", o.version.valid ? json_string(o.version.text) : json_null());
			json_object_set_new(pc, "purpose", json_string(purpose));
			json_object_set_new(pc, "certificate",
					    up != SIZE_MAX ? json_string(s.model.objects[up]->id) : json_null());
			json_object_set_new(pc, "verdict", json_string(code ? "reject" : "accept"));
			for (size_t k = 0; k < n_steps; k++) {
				static const char *const R[] = {"not-run", "not-applicable", "pass", "fail"};
				json_array_append_new(ja, json_pack("{s:s,s:b,s:s}", "check", steps[k].rule,
								    "blocking", steps[k].blocking, "result",
								    R[steps[k].result + 1]));
			}
			json_object_set_new(pc, "steps", ja);
			if (blocking_step != SIZE_MAX) {
				const struct step *b = &steps[blocking_step];
				const char *pm = b->finding ? product_message(b->finding)
							    : json_string_value(json_object_get(fmt, "message"));
				json_object_set_new(pc, "blocking", json_pack("{s:s,s:o,s:s?}", "check", b->rule,
					"product_message", pm ? json_string(pm) : json_null(), "message",
					b->finding ? b->finding->message : json_string_value(json_object_get(fmt, "text"))));
			} else {
				json_object_set_new(pc, "blocking", json_null());
			}
			json_object_set_new(j, "precheck", pc);
			json_dumpf(j, out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
			fputc('\n', out);
			json_decref(j);
		} else {
			int c = cd_cli_use_color(&o, out);
			struct cd_text_style st = {c, 0, "never", code, "the verdict above"};
			fprintf(out, "%sprecheck: %s%s%s, purpose %s%s\n", c ? "\033[1m" : "", o.product,
				o.version.valid ? " " : "", o.version.valid ? o.version.text : "", purpose,
				c ? "\033[0m" : "");
			if (up != SIZE_MAX)
				fprintf(out, "certificate: %s (%s)\n", cd_object_label(s.model.objects[up]),
					s.model.objects[up]->id);
			if (blocking_step == SIZE_MAX) {
				fprintf(out, "verdict: ACCEPT - the product would accept this upload\n");
				if (strcmp(o.product, "expressway"))
					fprintf(out, "  product says: \"Success: Certificate Uploaded. Perform a "
						     "Disaster Recovery backup so the latest backup contains the "
						     "uploaded certificate.\"\n");
			} else {
				const struct step *b = &steps[blocking_step];
				const char *pm = b->finding ? product_message(b->finding)
							    : json_string_value(json_object_get(fmt, "message"));
				fprintf(out, "verdict: REJECT - the upload fails at step %zu (%s)\n",
					blocking_step + 1, b->rule);
				if (pm)
					fprintf(out, "  product says: \"%s\"\n", pm);
				if (b->finding || json_is_string(json_object_get(fmt, "text")))
					fprintf(out, "  %s\n", b->finding ? b->finding->message
									: json_string_value(json_object_get(fmt, "text")));
				if (b->finding && b->finding->rule->remediation)
					print_wrapped(out, b->finding->rule->remediation, "  remedy: ", 10);
				if (b->finding && json_is_string(json_object_get(b->finding->evidence, "restart")))
					print_wrapped(out,
						      json_string_value(json_object_get(b->finding->evidence, "restart")),
						      "  then restart: ", 16);
			}
			if (o.quiet) /* -q: the verdict and the blocking failure only */
				goto printed;
			fprintf(out, "steps, in the product's order:\n");
			for (size_t k = 0; k < n_steps; k++) {
				static const char *const R[] = {"not run", "n/a", "pass", "FAIL"};
				fprintf(out, "  %2zu  %-44s %s%s\n", k + 1, steps[k].rule, R[steps[k].result + 1],
					steps[k].result == 2 ? (steps[k].blocking ? " (blocks the upload)"
										  : " (accepted; see below)")
							     : "");
			}
			fputc('\n', out);
			cd_text_report(out, &s, &so, &st);
		}
printed:
		if (cd_cli_close_output(&o, out) < 0)
			code = CD_EXIT_USAGE;
	}
done:
	cd_scan_release(&s);
	cd_profiles_release(&ps);
	free(err);
	free(roles);
	free(paths);
	free(steps);
	free(skip);
	cd_cli_release(&o);
	free(nargv);
	return code;
}
