/* test_archive_stream.c - a tar.gz at least CD_ARCHIVE_STREAM_MIN bytes on disk is walked from
 * the file (not loaded whole) and gives what the same members give in memory. The archive is
 * made at run time with tar and gzip: 17 MiB of random bytes do not compress. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "archive/archive.h"
#include "helpers.h"

Test(archive_stream, a_large_tar_gz_is_streamed_and_its_members_are_found)
{
	char dir[] = "/tmp/certdiag-stream-XXXXXX", cmd[8192], tgz[4200];
	struct stat st;
	struct cd_scan s;
	const char *p[1];
	int found = 0, blob = 0;
	cr_assert_not_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "set -e; mkdir -p %s/in/node1/tomcat-trust && cp '%s' %s/in/node1/tomcat-trust/root.pem && "
		 "head -c %lu /dev/urandom > %s/in/blob.bin && "
		 "tar -C %s/in -cf - node1 blob.bin | gzip -1 > %s/big.tar.gz",
		 dir, src_path("testdata/formats/root.pem"), dir, CD_ARCHIVE_STREAM_MIN + (1UL << 20), dir, dir, dir);
	cr_assert_eq(system(cmd), 0, "could not build the archive");
	snprintf(tgz, sizeof(tgz), "%s/big.tar.gz", dir);
	cr_assert_eq(stat(tgz, &st), 0);
	cr_assert_geq((unsigned long)st.st_size, CD_ARCHIVE_STREAM_MIN, "archive too small to stream");
	p[0] = tgz;
	scan_paths(&s, p, 1, "2026-06-01T00:00:00Z");
	for (size_t i = 0; i < s.model.n_objects; i++) {
		const struct cd_object *o = s.model.objects[i];
		if (o->kind == CD_KIND_CERT && strstr(o->sources[0].path, "big.tar.gz!/node1/tomcat-trust/root.pem")) {
			char role[96];
			cd_role_format(&o->sources[0].role, role, sizeof(role));
			cr_expect_str_eq(role, "trust:tomcat-trust");
			cr_expect_str_eq(o->sources[0].role.node, "node1");
			found = 1;
		}
	}
	for (size_t i = 0; i < s.model.n_events; i++)
		blob |= s.model.events[i].path && strstr(s.model.events[i].path, "big.tar.gz!/blob.bin") != NULL;
	cr_expect(found, "the certificate inside the streamed archive was not found");
	cr_expect(blob, "the random member was not reported");
	cr_expect_eq(s.model.stats.archives, 1);
	cr_expect_eq(s.model.stats.archives_streamed, 1, "the archive was loaded whole, not streamed");
	cd_scan_release(&s);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
}
