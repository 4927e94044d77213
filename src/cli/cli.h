/* cli.h - the command layer: option parsing shared by the subcommands, output files, exit codes.
 * Only this layer prints to the terminal or decides the exit code. */
#ifndef CD_CLI_CLI_H
#define CD_CLI_CLI_H

#include <stdio.h>
#include "engine/scan.h"
#include "ingest/passwords.h"
#include "report/report.h"

struct cd_outfile;

/* Exit codes (fixed; scripts depend on them). */
#define CD_EXIT_OK 0
#define CD_EXIT_FINDINGS 1
#define CD_EXIT_USAGE 2

struct cd_cli {
	const char *cmd;
	const char *format;  /* NULL = default for the command */
	const struct cd_writer *writer; /* the writer --format names (report commands) */
	int brief;           /* --brief: one line per finding */
	int inventory;       /* --inventory: the inventory table in text */
	const char *output;  /* NULL = stdout */
	int force;
	cd_time_t at;
	int at_given;
	const char *fail_on; /* error|warning|info|never */
	unsigned expiry_warn;
	int color;           /* -1 auto, 0 never, 1 always */
	int quiet;
	struct cd_role_spec *roles; /* owned */
	size_t n_roles;
	const char **signatures; /* --signatures FILE|DIR (array owned, strings are argv) */
	size_t n_signatures;
	const char **keylogs;  /* --keylog FILE (array owned, strings are argv) */
	size_t n_keylogs;
	struct cd_passwords passwords; /* --password-file, --password-env: read while parsing */
	char **paths;        /* not owned (argv) except role paths added */
	size_t n_paths;
	int help;
	int system_trust;
	enum cd_purpose purpose;
	enum cd_profile profile;
	const char *host;
	char **untrusted; /* --untrusted paths (verify), not owned */
	size_t n_untrusted;
	size_t n_positional; /* paths[0..n_positional) came from the command line */
	const char *rules, *skip_rules;
	char product[16];      /* --product P[:VERSION] */
	struct cd_version version;
	const char **domains;  /* --domain (array owned, strings are argv) */
	size_t n_domains;
	const char **profile_names; /* --profile-name */
	size_t n_profile_names;
	int edge;              /* --edge 1, --core 0, -1 neither */
	struct cd_outfile *out; /* --output while it is written (owned; util/outfile.h) */
	const char *const *more_inputs; /* inputs not in paths (precheck --cert, --csr): --output */
	size_t n_more_inputs;           /* refuses to replace them too (not owned) */
	char **owned;          /* paths made here (the archive of a --role member path) */
	size_t n_owned;
};

/* "cucm", "imp", "expressway", each with an optional ":VERSION". CD_OK or CD_E_USAGE. */
int cd_cli_parse_product(const char *arg, char *product, size_t size, struct cd_version *v);

/* Parse argv (argv[0] = the subcommand). kind: the report the command writes; --format must
 * name a writer of it (o->writer; default text). CD_DOC_KINDS: not a report (extract checks its
 * own --format). Returns CD_OK, or CD_E_USAGE after printing the problem to stderr. */
int cd_cli_parse(struct cd_cli *o, int argc, char **argv, enum cd_doc_kind kind);
/* Write the report d with the chosen writer to --output (or stdout). CD_EXIT_OK, or
 * CD_EXIT_USAGE when the output cannot be written (after saying why). */
int cd_cli_write(const struct cd_cli *o, const struct cd_doc *d);
/* The exit code of a finished analysis under --fail-on: 2 when a rule could not complete. */
int cd_cli_exit_for(const struct cd_report *r, const char *fail_on);
void cd_cli_release(struct cd_cli *o);
/* Open --output or stdout. NULL after printing why. --output is written to a temporary file
 * beside it and renamed into place by cd_cli_close_output only when complete; it is refused
 * when it exists (without --force), when it is not a file or a symbolic link, or when it is
 * one of the inputs (even with --force). A run that ends without cd_cli_close_output (error,
 * signal) leaves the target as it was (util/outfile.h). */
FILE *cd_cli_open_output(const struct cd_cli *o);
/* Flush and finish f; -1 after printing why (the target is then left as it was). */
int cd_cli_close_output(const struct cd_cli *o, FILE *f);
int cd_cli_use_color(const struct cd_cli *o, FILE *f);
void cd_cli_scan_opts(const struct cd_cli *o, struct cd_scan_opts *so);
/* Name every input that could not be read on stderr, one line each
 * ("certdiag: nosuch.pem: No such file or directory"); returns their number (exit 2 when > 0). */
size_t cd_cli_input_errors(const struct cd_model *m);

int cd_cmd_scan(int argc, char **argv);
int cd_cmd_show(int argc, char **argv);
int cd_cmd_rules(int argc, char **argv);
int cd_cmd_verify(int argc, char **argv);
int cd_cmd_extract(int argc, char **argv);
int cd_cmd_precheck(int argc, char **argv);
int cd_cmd_compare(int argc, char **argv);

#endif
