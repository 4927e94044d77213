/* main.c - certdiag: offline certificate-bundle linter and troubleshooting analyzer.
 * One function per subcommand in a commands[] table (git's model). */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "util/error.h"
#include "util/visible.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command COMMANDS[] = {
	{"scan", cd_cmd_scan, "ingest everything, rebuild what it holds, run every rule, report"},
	{"show", cd_cmd_show, "decode every certificate, CSR, CRL, PKCS#7/#12 and key found"},
	{"verify", cd_cmd_verify, "verify one certificate like openssl verify, with backtracking and reasons"},
	{"extract", cd_cmd_extract, "write every certificate found (captures, bundles) to its own file"},
	{"precheck", cd_cmd_precheck, "simulate a CUCM / IM&P / Expressway certificate upload: accept or reject"},
	{"compare", cd_cmd_compare, "compare a renewed certificate with the one it replaces"},
	{"rules", cd_cmd_rules, "list the rule catalogue, or explain one rule"},
	{NULL, NULL, NULL},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: certdiag COMMAND [OPTIONS] [PATH...]\n\ncommands:\n");
	for (size_t i = 0; COMMANDS[i].name; i++)
		fprintf(out, "  %-8s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
	fprintf(out, "\n'certdiag COMMAND --help' for a command's options; 'man certdiag' for all\n"
		     "(installed by meson install; in the source tree: man docs/certdiag.1).\n"
		     "exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error\n");
}

/* stderr as the process started with it, under the filter main() puts over it */
static FILE *real_stderr;

/* at exit (before the leak check, registered after it): the filter flushed and freed */
static void close_visible_stderr(void)
{
	FILE *e = stderr;
	if (!real_stderr || e == real_stderr)
		return;
	stderr = real_stderr;
	fclose(e);
}

int main(int argc, char **argv)
{
	/* Files are read whole (ingest.c), one at a time. Keep glibc from raising its mmap
	 * threshold after the first large free: every buffer of 1 MiB or more is then mapped and
	 * returned to the system when freed, so peak memory is that of the largest file, not a
	 * heap fragmented by files of different sizes (bench/logs.sh measured 55 MB for 1 GB of
	 * 25 MB logs without this, 30 MB for a quarter of them). */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	{ /* every message on stderr quotes file names and findings: no control character of
	   * them reaches the terminal (util/visible.h); line-buffered, flushed at exit */
		FILE *e = cd_visible_stream(stderr, 0);
		if (e) {
			setvbuf(e, NULL, _IOLBF, 0);
			real_stderr = stderr;
			stderr = e;
			atexit(close_visible_stderr);
		}
	}
	if (argc < 2) {
		usage(stderr);
		return CD_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("certdiag %s\n", CD_VERSION);
		return CD_EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return CD_EXIT_OK;
	}
	for (size_t i = 0; COMMANDS[i].name; i++)
		if (!strcmp(argv[1], COMMANDS[i].name))
			return COMMANDS[i].run(argc - 1, argv + 1);
	fprintf(stderr, "certdiag: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return CD_EXIT_USAGE;
}
