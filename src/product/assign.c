/* assign.c - roles decided once ingest is done (docs/roles.md): the roles of ingest events'
 * files. */
#include <string.h>
#include "product/roles.h"
#include "util/error.h"
#include "util/str.h"

/* Was the event's file found below a directory or inside an archive (then its first folder
 * may name a node), rather than named on the command line (path and rel alike)? */
static int below_root(const struct cd_event *e)
{
	return strstr(e->path, "!/") || strcmp(cd_path_skip_dot(e->path), cd_path_skip_dot(e->rel));
}

int cd_roles_assign(struct cd_model *m, const struct cd_roles_opts *o)
{
	for (size_t i = 0; i < m->n_events; i++) {
		struct cd_event *e = &m->events[i];
		if (e->role.kind == CD_ROLE_NONE && e->path && e->rel)
			cd_role_infer(o->tables, e->rel, below_root(e), &e->role);
	}
	return CD_OK;
}
