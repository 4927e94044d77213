/* replay.c - runs a libFuzzer target without libFuzzer: every file of the folders (or files)
 * named on the command line goes once through LLVMFuzzerTestOneInput, in name order. Linked with
 * each fuzz target in the test build (fuzz/meson.build), so that the suite compiles every target
 * and replays its seed corpus under the sanitizers; the fuzzing itself is scripts/setup.sh fuzz
 * and scripts/fuzz-long.sh. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX_BYTES (64u << 20) /* larger than any seed: a bigger file is a mistake */

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;
	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || (unsigned long)n > REPLAY_MAX_BYTES ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return -1;
	}
	buf = malloc(n ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	size_t runs = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *de;
		char **names = NULL;
		size_t n = 0;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: cannot read\n", argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (run_file(argv[i]) != 0) {
				fprintf(stderr, "replay: %s: cannot read\n", argv[i]);
				return 1;
			}
			runs++;
			continue;
		}
		if (!(d = opendir(argv[i])))
			return 1;
		while ((de = readdir(d))) {
			char **nn;
			if (de->d_name[0] == '.')
				continue;
			nn = realloc(names, (n + 1) * sizeof(*names));
			if (!nn || !(nn[n] = strdup(de->d_name))) {
				fprintf(stderr, "replay: out of memory\n");
				return 1;
			}
			names = nn;
			n++;
		}
		closedir(d);
		if (n)
			qsort(names, n, sizeof(*names), cmp_name);
		for (size_t k = 0; k < n; k++) {
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", argv[i], names[k]);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				if (run_file(path) != 0) {
					fprintf(stderr, "replay: %s: cannot read\n", path);
					return 1;
				}
				runs++;
			}
			free(names[k]);
		}
		free(names);
	}
	printf("replay: %zu inputs, no crash\n", runs);
	return runs ? 0 : 1;
}
