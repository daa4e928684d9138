#!/usr/bin/python3
"""The world file (.pgw) and projection (.prj) of `gazmap render --world-file`
read by GDAL, checked end to end: Shusha, added as a large red point, must be
red at the pixel that GDAL's geotransform and the .prj's CRS put it at.

Usage: world-file-check.py GAZMAP TMPDIR [extra render options...]
Prints "ok" and the pixel, or what went wrong (exit 1)."""
import os
import subprocess
import sys

from osgeo import gdal, osr

gazmap, tmp = sys.argv[1], sys.argv[2]
extra = sys.argv[3:]
# Shusha as data/gazetteer.tsv has it (GeoNames 147105, CC BY 4.0).
lat, lon = 39.76006, 46.74989
csv = os.path.join(tmp, "shusha.csv")
with open(csv, "w") as f:
    f.write("name,lat,lon,marker-color,marker-size\n")
    f.write(f",{lat},{lon},#ff0000,large\n")
png = os.path.join(tmp, "map.png")
subprocess.run([gazmap, "render", "--world-file", "--bbox", "46.2,39.4,47.3,40.2",
                "--layers", "basemap", "--add", csv, "-o", png] + extra, check=True)
gdal.UseExceptions()
ds = gdal.Open(png)
gt = ds.GetGeoTransform()
with open(os.path.join(tmp, "map.prj")) as f:
    srs = osr.SpatialReference()
    if srs.SetFromUserInput(f.read()) != 0:
        sys.exit("the .prj is not a CRS GDAL reads")
wgs84 = osr.SpatialReference()
wgs84.ImportFromEPSG(4326)
wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
x, y, _ = osr.CoordinateTransformation(wgs84, srs).TransformPoint(lon, lat)
px = (x - gt[0]) / gt[1]
py = (y - gt[3]) / gt[5]
col, row = int(px), int(py)
rgb = [ds.GetRasterBand(b).ReadAsArray(col, row, 1, 1)[0][0] for b in (1, 2, 3)]
if not (rgb[0] > 200 and rgb[1] < 60 and rgb[2] < 60):
    sys.exit(f"pixel {col},{row} (from the world file) is {rgb}, not the red marker")
print(f"ok: Shusha at pixel {col},{row} is red {rgb}; CRS {srs.GetAttrValue('PROJECTION')}")
