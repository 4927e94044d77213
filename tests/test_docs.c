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
