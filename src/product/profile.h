/* profile.h - product profiles (rules/profiles/ *.yaml): what CUCM, IM and Presence and
 * Expressway check at upload and what each purpose needs, per version. The YAML is compiled
 * in, parsed with libyaml and kept as a jansson tree that the product rules query. */
#ifndef CD_PRODUCT_PROFILE_H
#define CD_PRODUCT_PROFILE_H

#include <jansson.h>
#include <stddef.h>

/* A product version as Cisco writes it: "12.5(1)SU6", "14SU2", "15", "X8.10", "X15.4".
 * v = major, minor, maintenance, SU (Expressway: major, minor, patch, 0). */
struct cd_version {
	int v[4];
	int valid;
	char text[32];
};
/* CD_OK or CD_E_USAGE. */
int cd_version_parse(const char *s, struct cd_version *out);
int cd_version_cmp(const struct cd_version *a, const struct cd_version *b);
/* Does version v fall in the range of obj (keys from / through / before, each optional)?
 * 1 yes, 0 no, -1 when v is not valid (unknown version). */
int cd_version_in(const struct cd_version *v, const json_t *obj);
/* "X8.5.2 up to (not including) X8.10", "from 14SU2", "12.5(1) to 12.5(1)SU6" into out. */
void cd_version_range_text(const json_t *obj, char *out, size_t size);

struct cd_product_profile {
	char name[16]; /* "cucm", "imp", "expressway" */
	json_t *doc;   /* owned */
};

#define CD_MAX_PROFILES 8
struct cd_profiles {
	struct cd_product_profile p[CD_MAX_PROFILES];
	size_t n;
};

/* Load every embedded profile. On failure *err (malloc'd) names the file and problem. */
int cd_profiles_load(struct cd_profiles *ps, char **err);
void cd_profiles_release(struct cd_profiles *ps);
const struct cd_product_profile *cd_profiles_find(const struct cd_profiles *ps, const char *name);

/* The purpose entry of a unit ("tomcat", "cup-xmpp", "server"), searching every profile;
 * *product receives the profile's name. NULL when no profile knows it. */
const json_t *cd_profiles_purpose(const struct cd_profiles *ps, const char *purpose,
				  const char **product);
/* Product family of a profile name: "cucm" for cucm and imp, "expressway". */
const char *cd_product_family(const char *product);

/* Small accessors: path is "a.b.c" through mappings. */
const json_t *cd_json_path(const json_t *root, const char *path);
long long cd_json_path_int(const json_t *root, const char *path, long long dflt);
const char *cd_json_path_str(const json_t *root, const char *path);
/* Is string s an element of array a? */
int cd_json_array_has(const json_t *a, const char *s);
/* Is string s an element of the array at path? */
int cd_json_path_has(const json_t *root, const char *path, const char *s);

#endif
