/* test_log_archives.c - log collections as customers send them (testdata/log-archives, made by
 * testdata/gen/log-archives.sh): the tar.gz, with logs gzipped inside it, gives the same log
 * findings as the folder it was packed from, and says where inside the archive each one is. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "util/buf.h"

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "rule signature host|address|subject count" of every log finding, sorted, as one string. */
static char *log_summary(const char *path)
{
	struct cd_scan s;
	const char *p[] = {path};
	char **v = NULL;
	size_t n = 0;
	struct cd_buf b;
	scan_paths(&s, p, 1, "2026-06-01T00:00:00Z");
	for (size_t i = 0; i < s.report.n_findings; i++) {
		const struct cd_finding *f = &s.report.findings[i];
		struct cd_buf l;
		const char *who;
		if (strncmp(f->rule->id, "log.", 4))
			continue;
		who = json_string_value(json_object_get(f->evidence, "host"));
		if (!who)
			who = json_string_value(json_object_get(f->evidence, "address"));
		if (!who)
			who = json_string_value(json_object_get(f->evidence, "subject"));
		cd_buf_init(&l, 4096);
		cd_buf_addf(&l, "%s %s %s %lld", f->rule->id,
			    json_string_value(json_object_get(f->evidence, "signature")), who ? who : "-",
			    json_integer_value(json_object_get(f->evidence, "count")));
		v = realloc(v, (n + 1) * sizeof(*v));
		v[n++] = cd_buf_detach(&l);
	}
	qsort(v, n, sizeof(*v), cmp);
	cd_buf_init(&b, 1 << 20);
	for (size_t i = 0; i < n; i++) {
		cd_buf_addf(&b, "%s\n", v[i]);
		free(v[i]);
	}
	free(v);
	cd_scan_release(&s);
	return cd_buf_detach(&b);
}

Test(log_archives, cucm_collection_tar_gz_with_nested_gz_equals_the_folder)
{
	char *dir = log_summary(src_path("testdata/logs/cucm-collection"));
	char *tgz = log_summary(src_path("testdata/log-archives/cucm-log-collection.tar.gz"));
	cr_assert_gt(strlen(dir), 100, "the folder gives log findings: %s", dir);
	cr_expect_str_eq(tgz, dir);
	free(dir);
	free(tgz);
}

Test(log_archives, expressway_diagnostic_archive_equals_the_folder)
{
	char *dir = log_summary(src_path("testdata/logs/expressway"));
	char *tgz = log_summary(src_path("testdata/log-archives/expressway-diagnostic.tar.gz"));
	cr_assert_gt(strlen(dir), 50);
	cr_expect_str_eq(tgz, dir);
	free(dir);
	free(tgz);
}

Test(log_archives, a_finding_from_a_nested_gz_names_both_archives)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/log-archives/cucm-log-collection.tar.gz")};
	int nested = 0;
	scan_paths(&s, p, 1, "2026-06-01T00:00:00Z");
	for (size_t i = 0; i < s.report.n_findings; i++) {
		json_t *ex = json_object_get(s.report.findings[i].evidence, "examples"), *e;
		size_t k;
		json_array_foreach(ex, k, e) {
			const char *file = json_string_value(json_object_get(e, "file"));
			const char *outer = file ? strstr(file, ".tar.gz!/") : NULL;
			nested |= outer && strstr(outer + 9, ".gz!/") != NULL;
		}
	}
	cr_expect(nested, "no example line points into a .gz inside the tar.gz");
	cd_scan_release(&s);
}
