/* Private: a shapefile's three files checked against each other before
 * shapelib reads them (shpcheck.c), for the map module's layers and the
 * core's extents alike. */
#ifndef GAZMAP_UTIL_SHPCHECK_H
#define GAZMAP_UTIL_SHPCHECK_H

/* Checks the .shp, .shx and .dbf at `stem` + extension before shapelib
 * reads them: regular files (a FIFO is refused at once), headers whose sizes
 * match the files, every .shx entry inside the .shp, and a .dbf with one
 * record per shape, all present.  0 or GAZMAP_EIO / GAZMAP_EPARSE naming the
 * file and what disagrees. */
int gz_shapefile_check(const char *stem);

#endif
