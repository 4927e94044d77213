/* test_docs.c - what users read: it cites public documents by title (never an internal
 * reference such as "seed 003" or "PRODUCT-FACTS §3"). */
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

/* Internal references no reader can look up (case-insensitive). */
static const char *const INTERNAL[] = {"seed 0", "seeds 0", "seed0", "product-facts", NULL};

static const char *internal_ref(const char *text)
{
	for (size_t i = 0; INTERNAL[i]; i++)
		if (strcasestr(text, INTERNAL[i]))
			return INTERNAL[i];
	return NULL;
}

static size_t n_checked;

static int check_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t l = strlen(path);
	char *t;
	const char *hit;
	(void)st;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	if (!(l > 5 && !strcmp(path + l - 5, ".yaml")) && !(l > 3 && !strcmp(path + l - 3, ".md")) &&
	    !(l > 2 && !strcmp(path + l - 2, ".1")))
		return 0;
	t = read_all(path, NULL);
	cr_assert_not_null(t, "%s", path);
	hit = internal_ref(t);
	cr_expect_null(hit, "%s cites \"%s\": cite the public document by title (docs/sources.md)", path, hit);
	free(t);
	n_checked++;
	return 0;
}

/* The catalogue, profiles and log signatures (rules/), the user docs (every .md in docs/, the man
 * page, README.md). docs/dev/ is for contributors and may name the project's own notes. */
Test(docs, user_facing_files_cite_public_documents)
{
	const char *top[] = {"README.md", "docs/certdiag.1", "docs/rules.md", "docs/products.md",
			     "docs/signatures.md", "docs/sources.md", NULL};
	n_checked = 0;
	cr_assert_eq(nftw(src_path("rules"), check_file, 16, FTW_PHYS), 0);
	cr_expect_gt(n_checked, 50, "only %zu catalogue files found", n_checked);
	for (size_t i = 0; top[i]; i++)
		check_file(src_path(top[i]), NULL, FTW_F, NULL);
	{
		size_t n;
		char **names = list_dir(src_path("docs"), &n);
		for (size_t i = 0; i < n; i++) {
			char rel[512];
			snprintf(rel, sizeof(rel), "docs/%s", names[i]);
			check_file(src_path(rel), NULL, FTW_F, NULL);
		}
		free_names(names, n);
	}
}

/* What the binary prints about its rules: every catalogue entry, and each command's --help. */
Test(docs, binary_output_cites_public_documents)
{
	static const char *const CMDS[] = {"scan", "show", "verify", "extract", "precheck", "compare", "rules", NULL};
	char *rules[] = {"", "rules", "--format", "json", NULL};
	char *out = NULL;
	const char *hit;
	cr_assert_eq(run_binary(rules, &out, NULL), 0);
	cr_assert_gt(strlen(out), 10000);
	hit = internal_ref(out);
	cr_expect_null(hit, "certdiag rules --format json cites \"%s\"", hit);
	free(out);
	for (size_t i = 0; CMDS[i]; i++) {
		char *help[] = {"", (char *)CMDS[i], "--help", NULL};
		run_binary(help, &out, NULL);
		cr_assert(out && strstr(out, "usage: certdiag"), "certdiag %s --help", CMDS[i]);
		hit = internal_ref(out);
		cr_expect_null(hit, "certdiag %s --help cites \"%s\"", CMDS[i], hit);
		free(out);
	}
}

/* Every option a command's --help names is in the man page, and every option the man page
 * documents is in some --help: the two agree. */
static int has_option(const char *text, const char *opt, int man)
{
	char pat[96];
	size_t l = 0;
	/* the man page writes - as \- */
	for (const char *p = opt; *p && l + 3 < sizeof(pat); p++) {
		if (*p == '-' && man)
			pat[l++] = '\\';
		pat[l++] = *p;
	}
	pat[l] = 0;
	for (const char *h = strstr(text, pat); h; h = strstr(h + 1, pat)) {
		char next = h[l];
		if (!((next >= 'a' && next <= 'z') || next == '-' || next == '\\'))
			return 1;
	}
	return 0;
}

/* the --long-options in text (as --help prints them) */
static size_t options_in(const char *text, char opts[][48], size_t max, int man)
{
	size_t n = 0;
	for (const char *p = text; (p = strstr(p, man ? "\\-\\-" : "--")); ) {
		char o[48];
		size_t l = 0;
		p += man ? 4 : 2;
		o[l++] = '-';
		o[l++] = '-';
		while (l + 1 < sizeof(o) && ((*p >= 'a' && *p <= 'z') || (man ? (p[0] == '\\' && p[1] == '-') : *p == '-'))) {
			if (*p == '\\')
				p++;
			o[l++] = *p++;
		}
		o[l] = 0;
		if (l < 4)
			continue;
		int dup = 0;
		for (size_t k = 0; k < n && !dup; k++)
			dup = !strcmp(opts[k], o);
		if (!dup && n < max)
			snprintf(opts[n++], 48, "%s", o);
	}
	return n;
}

Test(docs, help_and_man_page_agree)
{
	static const char *const CMDS[] = {"scan", "show", "verify", "extract", "precheck", "compare", "rules", NULL};
	static char help_opts[256][48], man_opts[256][48];
	char *man = read_all(src_path("docs/certdiag.1"), NULL), *all = calloc(1, 1 << 16), *out = NULL;
	char *top[] = {"", "--help", NULL};
	size_t n, len = 0;
	cr_assert_not_null(man);
	cr_assert_not_null(all);
	for (size_t i = 0; CMDS[i]; i++) {
		char *help[] = {"", (char *)CMDS[i], "--help", NULL};
		cr_expect_eq(run_binary(help, &out, NULL), 0, "certdiag %s --help does not exit 0", CMDS[i]);
		cr_assert_not_null(out);
		n = options_in(out, help_opts, 256, 0);
		for (size_t k = 0; k < n; k++)
			cr_expect(has_option(man, help_opts[k], 1), "certdiag %s --help names %s, the man page does not",
				  CMDS[i], help_opts[k]);
		cr_expect(has_option(man, CMDS[i], 0), "the man page does not describe %s", CMDS[i]);
		if (len + strlen(out) + 1 < (1 << 16)) {
			memcpy(all + len, out, strlen(out) + 1);
			len += strlen(out);
		}
		free(out);
	}
	n = options_in(man, man_opts, 256, 1);
	cr_expect_gt(n, 20, "only %zu options found in the man page", n);
	for (size_t k = 0; k < n; k++)
		cr_expect(has_option(all, man_opts[k], 0) || !strcmp(man_opts[k], "--version") || !strcmp(man_opts[k], "--help"),
			  "the man page documents %s, no command's --help names it", man_opts[k]);
	/* the top-level usage says how to read the man page from the source tree */
	cr_expect_eq(run_binary(top, &out, NULL), 0);
	cr_expect(out && strstr(out, "man docs/certdiag.1"), "certdiag --help: %s", out);
	free(out);
	free(all);
	free(man);
}
