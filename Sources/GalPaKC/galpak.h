/* galpak.h: the C interface of libGalPaKC (the GalPaKC product of galpak's Package.swift).
 *
 * A model handle holds the forward model of one cube: a disk rendered as galpak renders it,
 * convolved with the instrument's PSF x LSF, and (made from a cube) the chi2 against the data.
 * Every buffer is allocated when the handle is made; an evaluation allocates nothing. Calls on
 * one handle from several threads run one after the other; calls on different handles run in
 * parallel. No function aborts the process: a failure returns -1 (or NULL) and
 * galpak_last_error() says why, in one line.
 *
 * Parameters, in the order galpak_model_parameter_name gives: x, y (pixel, 0-based), z
 * (channel, 0-based), flux (cube units, sum of the clean cube), radius (pixel, half-light),
 * inclination (deg), pa (deg), turnover_radius (pixel), maximum_velocity (km/s),
 * velocity_dispersion (km/s), then sersic_index with flux_profile "sersic", radial_velocity
 * (km/s) with radial_flow, bar_tangential, bar_radial (km/s) and bar_angle (deg) with
 * bisymmetric, ratio_<wave> for each free line_ratio entry.
 *
 * Cubes are C-order (nz, ny, nx) arrays of double: x fastest, then y, then z.
 */
#ifndef GALPAK_H
#define GALPAK_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void galpak_model;

/* Options: a JSON object of `galpak fit` long option names (underscores or dashes) and values,
 * e.g. {"instrument": "musewfm", "seeing": 0.8, "flux_profile": "exponential"}; NULL or "" for
 * none. Instrument: instrument, instrument_file, psf, seeing, psf_ba, psf_pa, moffat_beta,
 * moffat_alpha, lsf, lsf_fwhm. Model: flux_profile, rotation_curve, thickness, dispersion,
 * aspect, line ([blue, red]), line_ratio ([a, b]), doublet, radial_flow and bisymmetric (true
 * or false). Header: crval3, crpix3, cdelt3,
 * cunit3, pixscale; with a cube also ctype3, variance (a FITS file), chi_stat. */

/* A model of the FITS cube at cube_path, read as `galpak fit` reads it; NULL on failure. */
galpak_model *galpak_model_open(const char *cube_path, const char *options_json);
/* A model without data of an nx x ny x nz cube (as `galpak simulate --shape`); NULL on failure. */
galpak_model *galpak_model_new(int64_t nx, int64_t ny, int64_t nz, const char *options_json);
/* 0, or -1 for a handle that is not live. */
int32_t galpak_model_free(galpak_model *model);

/* The model cube at params into out (count = nx*ny*nz), convolved when convolved != 0. */
int32_t galpak_model_evaluate(galpak_model *model, const double *params, int64_t n_params,
                              int32_t convolved, double *out, int64_t count);
/* chi2 of the convolved model against the cube (+inf when the disk has no flux on the grid). */
int32_t galpak_model_chi2(galpak_model *model, const double *params, int64_t n_params, double *chi2);
/* ln L = -chi2/2. */
int32_t galpak_model_loglike(galpak_model *model, const double *params, int64_t n_params, double *loglike);

/* shape[0..2] = nx, ny, nz. */
int32_t galpak_model_shape(galpak_model *model, int64_t *shape);
/* 10, plus the model's optional parameters (above); -1 on failure. */
int64_t galpak_model_parameter_count(galpak_model *model);
/* Owned by the handle. */
const char *galpak_model_parameter_name(galpak_model *model, int64_t index);
/* A fit's default bounds (flux maximum +inf without data); count = number of parameters. */
int32_t galpak_model_bounds(galpak_model *model, double *lower, double *upper, int64_t count);
/* JSON: shape, spectral axis, dv_kms, pixscale_arcsec, instrument, model, parameters (name,
 * unit, min, max), voxels_used, warnings. Owned by the handle. */
const char *galpak_model_info(galpak_model *model);

/* The last failure on the calling thread, NULL if none; valid until the next failure on it. */
const char *galpak_last_error(void);
/* The galpak version, e.g. "0.1.0". */
const char *galpak_version(void);

#ifdef __cplusplus
}
#endif

#endif
