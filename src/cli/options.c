/* options.c - options shared by the subcommands (docs/certdiag.1 documents each). */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "util/error.h"
#include "util/outfile.h"
#include "util/visible.h"
#include "util/str.h"

enum {
	OPT_AT = 1000,
	OPT_FAIL_ON,
	OPT_EXPIRY_WARN,
	OPT_NO_COLOR,
	OPT_COLOR,
	OPT_ROLE,
	OPT_FORCE,
	OPT_TRUST,
	OPT_UNTRUSTED,
	OPT_SYSTEM_TRUST,
	OPT_PURPOSE,
	OPT_PROFILE,
	OPT_HOST,
	OPT_RULES,
	OPT_SKIP_RULES,
	OPT_SIGNATURES,
	OPT_PRODUCT,
	OPT_DOMAIN,
	OPT_PROFILE_NAME,
	OPT_EDGE,
	OPT_CORE,
	OPT_PUBLIC_ROOTS,
	OPT_BRIEF,
	OPT_INVENTORY,
	OPT_KEYLOG,
	OPT_PASSWORD_FILE,
	OPT_PASSWORD_ENV,
};

static const struct option LONG[] = {
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"force", no_argument, NULL, OPT_FORCE},
	{"at", required_argument, NULL, OPT_AT},
	{"fail-on", required_argument, NULL, OPT_FAIL_ON},
	{"expiry-warn", required_argument, NULL, OPT_EXPIRY_WARN},
	{"no-color", no_argument, NULL, OPT_NO_COLOR},
	{"color", no_argument, NULL, OPT_COLOR},
	{"quiet", no_argument, NULL, 'q'},
	{"role", required_argument, NULL, OPT_ROLE},
	{"trust", required_argument, NULL, OPT_TRUST},
	{"untrusted", required_argument, NULL, OPT_UNTRUSTED},
	{"system-trust", no_argument, NULL, OPT_SYSTEM_TRUST},
	{"purpose", required_argument, NULL, OPT_PURPOSE},
	{"profile", required_argument, NULL, OPT_PROFILE},
	{"host", required_argument, NULL, OPT_HOST},
	{"rules", required_argument, NULL, OPT_RULES},
	{"skip-rules", required_argument, NULL, OPT_SKIP_RULES},
	{"signatures", required_argument, NULL, OPT_SIGNATURES},
	{"product", required_argument, NULL, OPT_PRODUCT},
	{"domain", required_argument, NULL, OPT_DOMAIN},
	{"profile-name", required_argument, NULL, OPT_PROFILE_NAME},
	{"edge", no_argument, NULL, OPT_EDGE},
	{"core", no_argument, NULL, OPT_CORE},
	{"public-roots", required_argument, NULL, OPT_PUBLIC_ROOTS},
	{"brief", no_argument, NULL, OPT_BRIEF},
	{"inventory", no_argument, NULL, OPT_INVENTORY},
	{"keylog", required_argument, NULL, OPT_KEYLOG},
	{"password-file", required_argument, NULL, OPT_PASSWORD_FILE},
	{"password-env", required_argument, NULL, OPT_PASSWORD_ENV},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "certdiag %s: ", cmd);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\ntry 'certdiag %s --help'\n", cmd);
	return CD_E_USAGE;
}

int cd_cli_parse_product(const char *arg, char *product, size_t size, struct cd_version *v)
{
	const char *colon = strchr(arg, ':');
	size_t l = colon ? (size_t)(colon - arg) : strlen(arg);
	memset(v, 0, sizeof(*v));
	/* any case: CUCM, IMP, Expressway */
	if (!((l == 4 && !strncasecmp(arg, "cucm", 4)) || (l == 3 && !strncasecmp(arg, "imp", 3)) ||
	      (l == 10 && !strncasecmp(arg, "expressway", 10))) || l >= size)
		return CD_E_USAGE;
	for (size_t i = 0; i < l; i++)
		product[i] = (char)((arg[i] >= 'A' && arg[i] <= 'Z') ? arg[i] + 32 : arg[i]);
	product[l] = 0;
	if (colon && cd_version_parse(colon + 1, v) < 0)
		return CD_E_USAGE;
	/* Expressway versions start with X, CUCM's do not */
	if (colon && (colon[1] == 'X' || colon[1] == 'x') != (l == 10))
		return CD_E_USAGE;
	return CD_OK;
}

static int in_list(const char *v, const char *list)
{
	size_t n = strlen(v);
	const char *p = list;
	while (p && *p) {
		const char *e = strchr(p, '|');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == n && !strncmp(p, v, n))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

/* The ROLE of each --role ROLE=PATH, by the names of the product profiles. */
static int parse_roles(struct cd_cli *o)
{
	struct cd_profiles ps;
	char *err = NULL;
	int rc = CD_OK;
	size_t pending = 0;
	for (size_t i = 0; i < o->n_roles; i++)
		pending += o->roles[i].text != NULL;
	if (!pending)
		return CD_OK;
	if (cd_profiles_load(&ps, &err) < 0) {
		fprintf(stderr, "certdiag %s: %s\n", o->cmd, err ? err : "out of memory");
		free(err);
		cd_profiles_release(&ps);
		return CD_E_USAGE;
	}
	for (size_t i = 0; i < o->n_roles && rc == CD_OK; i++) {
		char spec[128];
		const char *eq;
		if (!o->roles[i].text)
			continue;
		eq = strchr(o->roles[i].text, '=');
		snprintf(spec, sizeof(spec), "%.*s", (int)(eq - o->roles[i].text), o->roles[i].text);
		if (cd_role_parse(&ps.roles, spec, &o->roles[i].role) < 0)
			rc = usage_error(o->cmd,
					 "unknown role '%s' (a unit such as tomcat or CallManager-ECDSA, a "
					 "store such as tomcat-trust, or UNIT.csr; optional @NODE)",
					 spec);
	}
	cd_profiles_release(&ps);
	return rc;
}

int cd_cli_parse(struct cd_cli *o, int argc, char **argv, enum cd_doc_kind kind)
{
	int c;
	memset(o, 0, sizeof(*o));
	o->cmd = argv[0];
	o->fail_on = "error";
	o->expiry_warn = 30;
	o->color = -1;
	o->edge = -1;
	o->out = calloc(1, sizeof(*o->out));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:qh", LONG, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (kind < CD_DOC_KINDS && !cd_writer_find(optarg, kind)) {
				char names[128], msg[300];
				cd_writer_names(kind, names, sizeof(names));
				snprintf(msg, sizeof(msg), "unknown format '%.64s' (%s)", optarg, names);
				return usage_error(o->cmd, "%s", msg);
			}
			o->format = optarg;
			o->writer = kind < CD_DOC_KINDS ? cd_writer_find(optarg, kind) : NULL;
			break;
		case 'o': o->output = optarg; break;
		case OPT_FORCE: o->force = 1; break;
		case OPT_AT:
			if (cd_time_parse(optarg, &o->at) < 0)
				return usage_error(o->cmd,
						   "bad --at '%s' (want 2026-06-01T00:00:00Z, 2026-06-01 or @EPOCH)",
						   optarg);
			o->at_given = 1;
			break;
		case OPT_FAIL_ON:
			if (!in_list(optarg, "error|warning|info|never"))
				return usage_error(o->cmd, "bad --fail-on '%s' (error, warning, info or never)", optarg);
			o->fail_on = optarg;
			break;
		case OPT_EXPIRY_WARN: {
			unsigned long v;
			if (cd_parse_uint(optarg, 36500, &v) < 0)
				return usage_error(o->cmd, "bad --expiry-warn '%s' (days, 0 to 36500)", optarg);
			o->expiry_warn = (unsigned)v;
			break;
		}
		case OPT_NO_COLOR: o->color = 0; break;
		case OPT_COLOR: o->color = 1; break;
		case 'q': o->quiet = 1; break;
		case OPT_SYSTEM_TRUST: o->system_trust = 1; break;
		case OPT_RULES: o->rules = optarg; break;
		case OPT_SKIP_RULES: o->skip_rules = optarg; break;
		case OPT_PURPOSE:
			if (!strcmp(optarg, "server"))
				o->purpose = CD_PURPOSE_SERVER;
			else if (!strcmp(optarg, "client"))
				o->purpose = CD_PURPOSE_CLIENT;
			else if (!strcmp(optarg, "any"))
				o->purpose = CD_PURPOSE_ANY;
			else
				return usage_error(o->cmd, "bad --purpose '%s' (server, client or any)", optarg);
			break;
		case OPT_PROFILE:
			if (!strcmp(optarg, "rfc5280"))
				o->profile = CD_PROFILE_RFC5280;
			else if (!strcmp(optarg, "webpki"))
				o->profile = CD_PROFILE_WEBPKI;
			else if (!strcmp(optarg, "auto"))
				o->profile = CD_PROFILE_AUTO;
			else
				return usage_error(o->cmd, "bad --profile '%s' (rfc5280, webpki or auto)", optarg);
			break;
		case OPT_HOST:
			if (!*optarg || strlen(optarg) > 253)
				return usage_error(o->cmd, "bad --host '%s'", optarg);
			o->host = optarg;
			break;
		case OPT_UNTRUSTED: {
			char **nu = realloc(o->untrusted, (o->n_untrusted + 1) * sizeof(*nu));
			if (!nu)
				return CD_E_NOMEM;
			o->untrusted = nu;
			nu[o->n_untrusted++] = optarg;
			break;
		}
		case OPT_TRUST:
		case OPT_PUBLIC_ROOTS:
		case OPT_ROLE: {
			char *eq = c != OPT_ROLE ? NULL : strchr(optarg, '=');
			const char *path = c != OPT_ROLE ? optarg : eq ? eq + 1 : NULL;
			struct cd_role_spec *nr;
			if (c == OPT_ROLE && (!eq || eq == optarg || !eq[1]))
				return usage_error(o->cmd, "bad --role '%s' (want ROLE=PATH, e.g. tomcat-trust=roots/)",
						   optarg);
			nr = realloc(o->roles, (o->n_roles + 1) * sizeof(*nr));
			if (!nr)
				return CD_E_NOMEM;
			o->roles = nr;
			memset(&nr[o->n_roles], 0, sizeof(nr[o->n_roles]));
			nr[o->n_roles].role.kind = CD_ROLE_TRUST;
			nr[o->n_roles].role.origin = CD_ROLE_FROM_OPTION;
			if (c == OPT_PUBLIC_ROOTS) {
				/* --public-roots PATH: the reference store "public-roots" (docs/roles.md) */
				cd_strlcpy(nr[o->n_roles].role.name, "public-roots", sizeof(nr[o->n_roles].role.name));
			} else if (c == OPT_TRUST) {
				/* --trust PATH: the anchors of the store "--trust" */
				cd_strlcpy(nr[o->n_roles].role.name, "--trust", sizeof(nr[o->n_roles].role.name));
			} else {
				/* the names come from the product profiles: parsed once all options are read */
				nr[o->n_roles].role.kind = CD_ROLE_NONE;
				nr[o->n_roles].text = optarg;
				/* a path holding several certificates: only those the role describes */
				nr[o->n_roles].describe = 1;
			}
			nr[o->n_roles].option = c == OPT_ROLE ? "--role" : c == OPT_TRUST ? "--trust" : "--public-roots";
			nr[o->n_roles].path = strdup(path);
			{
				size_t l = strlen(nr[o->n_roles].path);
				while (l > 1 && nr[o->n_roles].path[l - 1] == '/')
					nr[o->n_roles].path[--l] = 0;
			}
			o->n_roles++;
			break;
		}
		case OPT_PASSWORD_FILE:
		case OPT_PASSWORD_ENV: {
			/* read now: a file that cannot be read is a usage error naming it (never a
			 * password); they are wiped by cd_cli_release */
			char *err = NULL;
			int rc = c == OPT_PASSWORD_FILE ? cd_passwords_load_file(&o->passwords, optarg, &err)
							: cd_passwords_add_env(&o->passwords, optarg, &err);
			if (rc == CD_E_NOMEM)
				return rc;
			if (rc < 0) {
				usage_error(o->cmd, "%s", err ? err : "cannot read the passwords");
				free(err);
				return CD_E_USAGE;
			}
			break;
		}
		case OPT_KEYLOG: {
			/* read when the scan starts; an unreadable file is reported there */
			const char **nk = realloc(o->keylogs, (o->n_keylogs + 1) * sizeof(*nk));
			if (!nk)
				return CD_E_NOMEM;
			o->keylogs = nk;
			nk[o->n_keylogs++] = optarg;
			break;
		}
		case OPT_SIGNATURES: {
			/* read when the scan starts; a bad file is reported there */
			const char **ns = realloc(o->signatures, (o->n_signatures + 1) * sizeof(*ns));
			if (!ns)
				return CD_E_NOMEM;
			o->signatures = ns;
			ns[o->n_signatures++] = optarg;
			break;
		}
		case OPT_PRODUCT:
			if (cd_cli_parse_product(optarg, o->product, sizeof(o->product), &o->version) < 0)
				return usage_error(o->cmd,
						   "bad --product '%s' (cucm, imp or expressway, optionally "
						   ":VERSION such as cucm:12.5(1)SU6 or expressway:X8.10)",
						   optarg);
			break;
		case OPT_DOMAIN:
		case OPT_PROFILE_NAME: {
			const char ***v = c == OPT_DOMAIN ? &o->domains : &o->profile_names;
			size_t *n = c == OPT_DOMAIN ? &o->n_domains : &o->n_profile_names;
			const char **nv;
			if (!*optarg || strlen(optarg) > 253)
				return usage_error(o->cmd, "bad name '%s'", optarg);
			nv = realloc(*v, (*n + 1) * sizeof(*nv));
			if (!nv)
				return CD_E_NOMEM;
			*v = nv;
			nv[(*n)++] = optarg;
			break;
		}
		case OPT_BRIEF: o->brief = 1; break;
		case OPT_INVENTORY: o->inventory = 1; break;
		case OPT_EDGE: o->edge = 1; break;
		case OPT_CORE: o->edge = 0; break;
		case 'h': o->help = 1; return CD_OK;
		case ':': return usage_error(o->cmd, "option '%s' needs a value", argv[optind - 1]);
		default: return usage_error(o->cmd, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (parse_roles(o) < 0)
		return CD_E_USAGE;
	if (kind < CD_DOC_KINDS && !o->writer)
		o->writer = cd_writer_find(o->format ? o->format : "text", kind);
	if (!o->at_given)
		o->at = (cd_time_t)time(NULL); /* read once: every check sees the same instant */
	o->n_paths = (size_t)(argc - optind);
	o->n_positional = o->n_paths;
	o->paths = calloc(o->n_paths + o->n_roles + o->n_untrusted + 1, sizeof(*o->paths));
	if (!o->paths)
		return CD_E_NOMEM;
	for (int i = optind; i < argc; i++)
		o->paths[i - optind] = argv[i];
	/* a --role PATH not otherwise named is scanned too; a member of an archive
	 * ("case.zip!/trust/") by its archive */
	for (size_t r = 0; r < o->n_roles; r++) {
		int named = 0;
		const char *rp = cd_path_skip_dot(o->roles[r].path), *bang = strstr(rp, "!/");
		size_t rl = bang ? (size_t)(bang - rp) : strlen(rp);
		if (!bang && rl && rp[rl - 1] == '!') /* "case.zip!/" with its '/' taken off */
			bang = rp + --rl;
		for (size_t i = 0; i < o->n_paths && !named; i++) {
			const char *p = cd_path_skip_dot(o->paths[i]);
			size_t l = strlen(p);
			while (l > 1 && p[l - 1] == '/')
				l--;
			named = l == 0 ? rp[0] != '/' : l <= rl && !strncmp(rp, p, l) && (l == rl || rp[l] == '/');
		}
		if (named)
			continue;
		if (bang) {
			char **no = realloc(o->owned, (o->n_owned + 1) * sizeof(*no));
			if (!no)
				return CD_E_NOMEM;
			o->owned = no;
			if (!(no[o->n_owned] = cd_strndup(rp, rl)))
				return CD_E_NOMEM;
			o->paths[o->n_paths++] = no[o->n_owned++];
		} else {
			o->paths[o->n_paths++] = o->roles[r].path;
		}
	}
	for (size_t u = 0; u < o->n_untrusted; u++)
		o->paths[o->n_paths++] = o->untrusted[u];
	return CD_OK;
}

void cd_cli_release(struct cd_cli *o)
{
	cd_outfile_abort(o->out); /* an output not committed is removed, the target left alone */
	free(o->out);
	for (size_t i = 0; i < o->n_roles; i++)
		free(o->roles[i].path);
	free(o->roles);
	free(o->signatures);
	free(o->keylogs);
	cd_passwords_release(&o->passwords);
	free(o->domains);
	free(o->profile_names);
	free(o->paths);
	free(o->untrusted);
	for (size_t i = 0; i < o->n_owned; i++)
		free(o->owned[i]);
	free(o->owned);
	memset(o, 0, sizeof(*o));
}

FILE *cd_cli_open_output(const struct cd_cli *o)
{
	const char **inputs;
	char *err = NULL;
	int rc;
	if (!o->output || !strcmp(o->output, "-"))
		return stdout;
	if (!o->out) {
		fprintf(stderr, "certdiag %s: out of memory\n", o->cmd);
		return NULL;
	}
	/* every input is refused as a target, even with --force: the paths and --signatures */
	inputs = calloc(o->n_paths + o->n_signatures + o->n_more_inputs + 1, sizeof(*inputs));
	if (!inputs) {
		fprintf(stderr, "certdiag %s: out of memory\n", o->cmd);
		return NULL;
	}
	for (size_t i = 0; i < o->n_paths; i++)
		inputs[i] = o->paths[i];
	for (size_t i = 0; i < o->n_signatures; i++)
		inputs[o->n_paths + i] = o->signatures[i];
	for (size_t i = 0; i < o->n_more_inputs; i++)
		inputs[o->n_paths + o->n_signatures + i] = o->more_inputs[i];
	/* written beside the target and renamed into place when complete (util/outfile.c) */
	rc = cd_outfile_open(o->out, AT_FDCWD, o->output, o->output, o->force, inputs,
			     o->n_paths + o->n_signatures + o->n_more_inputs, &err);
	free(inputs);
	if (rc < 0) {
		fprintf(stderr, "certdiag %s: %s\n", o->cmd, err ? err : "out of memory");
		free(err);
		return NULL;
	}
	return o->out->f;
}

int cd_cli_close_output(const struct cd_cli *o, FILE *f)
{
	char *err = NULL;
	int bad;
	if (f == stdout) {
		bad = ferror(f);
		return fflush(f) || bad ? -1 : 0;
	}
	if (!o->out || f != o->out->f)
		return -1;
	if (cd_outfile_commit(o->out, &err) < 0) {
		fprintf(stderr, "certdiag %s: %s\n", o->cmd, err ? err : "out of memory");
		free(err);
		return -1;
	}
	return 0;
}

int cd_cli_use_color(const struct cd_cli *o, FILE *f)
{
	const char *nc = getenv("NO_COLOR");
	if (o->color >= 0)
		return o->color;
	if (nc && *nc)
		return 0;
	return f == stdout && isatty(STDOUT_FILENO);
}

size_t cd_cli_input_errors(const struct cd_model *m)
{
	for (size_t i = 0; i < m->n_input_errors; i++)
		fprintf(stderr, "certdiag: %s: %s\n", m->input_errors[i].path,
			strerror(m->input_errors[i].errnum));
	return m->n_input_errors;
}

void cd_cli_scan_opts(const struct cd_cli *o, struct cd_scan_opts *so)
{
	memset(so, 0, sizeof(*so));
	so->paths = (const char *const *)o->paths;
	so->n_paths = o->n_paths;
	so->roles = o->roles;
	so->n_roles = o->n_roles;
	so->eval.at = o->at;
	so->eval.expiry_warn = o->expiry_warn;
	so->eval.purpose = o->purpose;
	so->eval.profile = o->profile;
	so->eval.host = o->host;
	so->system_trust = o->system_trust;
	so->eval.rules = o->rules;
	so->eval.skip_rules = o->skip_rules;
	cd_strlcpy(so->product.product, o->product, sizeof(so->product.product));
	so->product.version = o->version;
	so->product.domains = o->domains;
	so->product.n_domains = o->n_domains;
	so->product.profile_names = o->profile_names;
	so->product.n_profile_names = o->n_profile_names;
	so->product.edge = o->edge;
	so->product.upload = SIZE_MAX;
	so->signatures = o->signatures;
	so->n_signatures = o->n_signatures;
	so->keylogs = o->keylogs;
	so->n_keylogs = o->n_keylogs;
	so->ingest.passwords = o->passwords.n ? &o->passwords : NULL;
}

int cd_cli_write(const struct cd_cli *o, const struct cd_doc *d)
{
	FILE *out = cd_cli_open_output(o);
	struct cd_write_opts wo = {0};
	int rc;
	if (!out)
		return CD_EXIT_USAGE;
	wo.color = cd_cli_use_color(o, out);
	wo.quiet = o->quiet;
	wo.brief = o->brief;
	wo.inventory = o->inventory;
	if (!strcmp(o->writer->name, "text") || !strcmp(o->writer->name, "markdown")) {
		/* what a text report quotes (names, file names, log lines) is the input's: no
		 * control character of it reaches a terminal, only the writer's own colours
		 * (util/visible.h; JSON, SARIF, HTML and DOT escape in their own syntax) */
		FILE *v = cd_visible_stream(out, wo.color);
		if (v) {
			rc = o->writer->write(v, d, &wo);
			if (fclose(v) == EOF && rc >= 0)
				rc = CD_E_IO;
		} else {
			rc = o->writer->write(out, d, &wo);
		}
	} else {
		rc = o->writer->write(out, d, &wo);
	}
	if (rc < 0 && out != stdout) {
		/* a report the writer could not finish is not put in place: the target stays as it was */
		cd_outfile_abort(o->out);
	} else if (cd_cli_close_output(o, out) < 0) {
		return CD_EXIT_USAGE;
	}
	if (rc < 0) {
		fprintf(stderr, "certdiag %s: cannot write the report: %s\n", o->cmd, cd_strerror(rc));
		return CD_EXIT_USAGE;
	}
	return CD_EXIT_OK;
}

int cd_cli_exit_for(const struct cd_report *r, const char *fail_on)
{
	enum cd_severity sev;
	if (cd_report_n_fatal(r))
		return CD_EXIT_USAGE; /* a rule could not complete: the report is not the whole truth */
	if (!strcmp(fail_on, "never"))
		return CD_EXIT_OK;
	cd_severity_parse(fail_on, &sev);
	return cd_report_count_at_least(r, sev) ? CD_EXIT_FINDINGS : CD_EXIT_OK;
}
