"""DEM reading checked against python3-gdal reading the same files.

For LOLA's LDEM_4 (PDS3 label, simple cylindrical), ldem_6_cut.tif (GeoTIFF,
south polar stereographic) and DEMs written here with GDAL (an ISIS3 cube,
a north polar stereographic GeoTIFF with a standard parallel, a geographic
GeoTIFF): pixel -> lat/lon and back through OSR's coordinate transforms,
heights from GDAL's pixel values with the band's scale and offset, and
bilinear heights between pixel centres.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
from osgeo import gdal, osr

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peer"))
from ilrs_check import check_close, check_eq, check_true, data, done

gdal.UseExceptions()
PROBE = os.path.join(os.environ.get("ILRS_BUILD", "build"), "tests",
                     "probe_lunar")
RNG = np.random.default_rng(20240601)


def probe(path, queries):
    out = subprocess.run([PROBE, path], input="\n".join(queries) + "\n",
                         capture_output=True, text=True, check=True).stdout
    return out.splitlines()


def transforms(ds):
    srs = osr.SpatialReference(wkt=ds.GetProjection())
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    geo = srs.CloneGeogCS()
    geo.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return (osr.CoordinateTransformation(srs, geo),
            osr.CoordinateTransformation(geo, srs), srs)


def heights(ds, radius_m):
    """Heights above the sphere (m) as GDAL gives them, scale and offset
    applied; an offset equal to the radius makes values radii (LOLA)."""
    b = ds.GetRasterBand(1)
    a = b.ReadAsArray().astype(np.float64)
    scale = b.GetScale() or 1.0
    off = b.GetOffset() or 0.0
    h = a * scale + off
    if abs(off - radius_m) < 50e3:
        h -= radius_m
    return h


def bilinear(h, col, row):
    u, v = col - 0.5, row - 0.5
    i, j = int(np.floor(u)), int(np.floor(v))
    a, b = u - i, v - j
    ny, nx = h.shape
    i0, i1 = max(i, 0), min(i + 1, nx - 1)
    j0, j1 = max(j, 0), min(j + 1, ny - 1)
    top = h[j0, i0] * (1 - a) + h[j0, i1] * a
    bot = h[j1, i0] * (1 - a) + h[j1, i1] * a
    return top * (1 - b) + bot * b


def check_dem(name, path, tol_deg, wrap=False):
    ds = gdal.Open(path)
    fwd, inv, srs = transforms(ds)
    gt = ds.GetGeoTransform()
    nx, ny = ds.RasterXSize, ds.RasterYSize
    radius = srs.GetSemiMajor()
    h = heights(ds, radius)
    info = probe(path, ["info"])[0].split()
    check_eq(f"{name} size", (int(info[0]), int(info[1])), (nx, ny),
             "GDAL RasterXSize/YSize")
    check_close(f"{name} sphere radius (km)", float(info[3]), radius / 1e3,
                1e-9, "OSR semi-major axis")
    # Pixel -> lat/lon: 40 random continuous positions inside the raster.
    cols = RNG.uniform(0.5, nx - 0.5, 40)
    rows = RNG.uniform(0.5, ny - 0.5, 40)
    got = probe(path, [f"px {c!r} {r!r}" for c, r in zip(cols, rows)])
    worst_lat = worst_lon = 0.0
    pts = []
    for c, r, g in zip(cols, rows, got):
        x, y = gt[0] + c * gt[1], gt[3] + r * gt[5]
        lon, lat, _ = fwd.TransformPoint(x, y)
        glat, glon = map(float, g.split())
        pts.append((lat, lon, c, r))
        worst_lat = max(worst_lat, abs(glat - lat))
        dl = (glon - lon + 180.0) % 360.0 - 180.0
        worst_lon = max(worst_lon, abs(dl) * np.cos(np.radians(lat)))
    check_close(f"{name} pixel->latitude, worst of 40 (deg)", worst_lat, 0.0,
                tol_deg, "OSR CoordinateTransformation")
    check_close(f"{name} pixel->longitude x cos(lat), worst of 40 (deg)",
                worst_lon, 0.0, tol_deg, "OSR CoordinateTransformation")
    # lat/lon -> pixel through OSR's inverse; heights bilinear there.
    got = probe(path, [f"ll {lat!r} {lon!r}" for lat, lon, _, _ in pts])
    got_h = probe(path, [f"h {lat!r} {lon!r}" for lat, lon, _, _ in pts])
    worst_px = worst_h = 0.0
    for (lat, lon, c, r), g, gh in zip(pts, got, got_h):
        x, y, _ = inv.TransformPoint(lon, lat)
        c2, r2 = (x - gt[0]) / gt[1], (y - gt[3]) / gt[5]
        gc, gr = map(float, g.split())
        if wrap:
            gc = (gc - c2 + nx / 2) % nx - nx / 2 + c2
        worst_px = max(worst_px, abs(gc - c2), abs(gr - r2))
        worst_h = max(worst_h, abs(float(gh) - bilinear(h, c2, r2)))
    # Pixel positions agree to 1e-6 px (double rounding through the
    # projection); heights to 1 mm (float32 storage of heights near 1 km).
    check_close(f"{name} lat/lon->pixel, worst (px)", worst_px, 0.0, 1e-6,
                "OSR inverse transform")
    check_close(f"{name} bilinear height, worst of 40 (m)", worst_h, 0.0,
                1e-3, "numpy bilinear over GDAL's pixel values")
    # Pixel centres: exactly GDAL's values with scale/offset.
    js = RNG.integers(0, ny, 20)
    is_ = RNG.integers(0, nx, 20)
    cen = probe(path, [f"px {i + 0.5!r} {j + 0.5!r}" for i, j in zip(is_, js)])
    got_h = probe(path, ["h " + c for c in cen])
    worst = max(abs(float(g) - h[j, i]) for g, i, j in zip(got_h, is_, js))
    check_close(f"{name} pixel-centre heights, worst of 20 (m)", worst, 0.0,
                1e-3, "GDAL ReadAsArray x scale + offset - radius")
    return ds


def write_like(path, driver, proj4, gt, arr, scale=None, offset=None):
    drv = gdal.GetDriverByName(driver)
    ny, nx = arr.shape
    ds = drv.Create(path, nx, ny, 1, gdal.GDT_Float32)
    srs = osr.SpatialReference()
    srs.ImportFromProj4(proj4)
    ds.SetProjection(srs.ExportToWkt())
    ds.SetGeoTransform(gt)
    b = ds.GetRasterBand(1)
    b.WriteArray(arr.astype(np.float32))
    if scale is not None:
        b.SetScale(scale)
        b.SetOffset(offset)
    ds = None


POLAR_LABEL = """PDS_VERSION_ID = PDS3
RECORD_TYPE = FIXED_LENGTH
RECORD_BYTES = {rb}
FILE_RECORDS = {n}
^IMAGE = "POLAR.IMG"
OBJECT = IMAGE
  LINES = {n}
  LINE_SAMPLES = {n}
  SAMPLE_TYPE = LSB_INTEGER
  SAMPLE_BITS = 16
  UNIT = METER
  SCALING_FACTOR = 0.5
  OFFSET = 1737400.
END_OBJECT = IMAGE
OBJECT = IMAGE_MAP_PROJECTION
  MAP_PROJECTION_TYPE = "POLAR STEREOGRAPHIC"
  A_AXIS_RADIUS = 1737.4 <KM>
  B_AXIS_RADIUS = 1737.4 <KM>
  C_AXIS_RADIUS = 1737.4 <KM>
  POSITIVE_LONGITUDE_DIRECTION = "EAST"
  CENTER_LATITUDE = -90. <DEG>
  CENTER_LONGITUDE = 0. <DEG>
  MAP_PROJECTION_ROTATION = 0.0
  MAP_SCALE = 240 <METERS/PIXEL>
  LINE_PROJECTION_OFFSET = {off} <PIXEL>
  SAMPLE_PROJECTION_OFFSET = {off} <PIXEL>
END_OBJECT = IMAGE_MAP_PROJECTION
END
"""


def write_polar_pds3(tmp, n=40):
    """A PDS3 label in the layout of LOLA's LDEM_80S_240M (polar
    stereographic, int16 half-metres over a 1737.4 km sphere), n x n."""
    with open(os.path.join(tmp, "POLAR.LBL"), "w") as f:
        f.write(POLAR_LABEL.format(rb=2 * n, n=n, off=n / 2 - 0.5))
    RNG.integers(-8000, 8000, (n, n)).astype("<i2").tofile(
        os.path.join(tmp, "POLAR.IMG"))
    return os.path.join(tmp, "POLAR.LBL")


def main():
    check_dem("LDEM_4 (PDS3)", data("lunar/LDEM_4.LBL"), 1e-9, wrap=True)
    check_dem("ldem_6_cut (GeoTIFF)", data("lunar/ldem_6_cut.tif"), 1e-9)
    with tempfile.TemporaryDirectory() as tmp:
        src = gdal.Open(data("lunar/LDEM_4.LBL"))
        arr = src.GetRasterBand(1).ReadAsArray()[600:680, 100:220] * 0.5
        # An ISIS3 cube (simple cylindrical) with a base/multiplier.
        cube = os.path.join(tmp, "sub.cub")
        gt = list(src.GetGeoTransform())
        gt[0] += 100 * gt[1]
        gt[3] += 600 * gt[5]
        write_like(cube, "ISIS3", "+proj=eqc +lon_0=180 +R=1737400 +units=m",
                   gt, arr / 2.0, scale=2.0, offset=10.0)
        check_dem("ISIS3 cube", cube, 1e-9)
        check_dem("PDS3 polar stereographic (LDEM_80S_240M layout)",
                  write_polar_pds3(tmp), 1e-9)
        # North polar stereographic, true scale at 80 N (variant B).
        ps = os.path.join(tmp, "north.tif")
        write_like(ps, "GTiff", "+proj=stere +lat_0=90 +lat_ts=80 +lon_0=45 "
                   "+R=1737400 +units=m", [-60000, 500, 0, 40000, 0, -500],
                   RNG.normal(0, 300, (160, 240)))
        check_dem("north polar stereographic lat_ts 80", ps, 1e-9)
        # Plain geographic degrees.
        geo = os.path.join(tmp, "geo.tif")
        write_like(geo, "GTiff", "+proj=longlat +R=1737400 +no_defs",
                   [20.0, 0.05, 0, 10.0, 0, -0.05],
                   RNG.normal(0, 300, (100, 120)))
        check_dem("geographic", geo, 1e-9)
        # A projection the reader does not handle: one clear refusal.
        tm = os.path.join(tmp, "tmerc.tif")
        write_like(tm, "GTiff", "+proj=tmerc +lon_0=0 +R=1737400 +units=m",
                   [0, 100, 0, 0, 0, -100], np.zeros((10, 10)))
        r = subprocess.run([PROBE, tm], capture_output=True, text=True)
        check_true("transverse Mercator refused",
                   r.returncode != 0 and "not supported" in r.stderr,
                   r.stderr.strip())
        # A denormal pixel size (found by fuzz_dem): refused, not a hang.
        tiny = os.path.join(tmp, "tiny.tif")
        write_like(tiny, "GTiff", "+proj=eqc +lon_0=180 +R=1737400 +units=m",
                   [0, 7580.84, 0, 0, 0, -2.4e-322], np.zeros((10, 10)))
        r = subprocess.run([PROBE, tiny], capture_output=True, text=True)
        check_true("denormal pixel size refused", r.returncode != 0 and
                   "pixel size" in r.stderr, r.stderr.strip())
        # An Earth DEM: not on a lunar sphere.
        earth = os.path.join(tmp, "earth.tif")
        write_like(earth, "GTiff", "+proj=longlat +datum=WGS84",
                   [0, 1, 0, 0, 0, -1], np.zeros((10, 10)))
        r = subprocess.run([PROBE, earth], capture_output=True, text=True)
        check_true("Earth DEM refused", r.returncode != 0 and
                   "lunar sphere" in r.stderr, r.stderr.strip())
    done()


main()
