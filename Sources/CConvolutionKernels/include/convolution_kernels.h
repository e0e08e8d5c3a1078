// The inner loops of the separable convolution passes and of the χ² sums, compiled twice:
// for the x86-64 baseline (SSE2) and for AVX2 + FMA. `ck_best_path()` chooses at run time
// (__builtin_cpu_supports), so one binary uses the wide units where they exist and runs everywhere.
#ifndef GALPAK_CONVOLUTION_KERNELS_H
#define GALPAK_CONVOLUTION_KERNELS_H

#include <stddef.h>

/// The code path of a kernel: 0 the baseline, 1 AVX2 + FMA (x86-64 only).
typedef enum {
    CK_PATH_BASELINE = 0,
    CK_PATH_AVX2_FMA = 1
} ck_path;

/// The fastest path this CPU runs: AVX2 + FMA when it has both, else the baseline.
ck_path ck_best_path(void);

/// out[q] = Σ_s taps[s] · from[q + s·stride] for q in 0..<count (Float sums, in registers).
/// Reads nothing past from[count − 1 + (ntaps − 1)·stride].
void ck_correlate(ck_path path, const float *from, ptrdiff_t stride, const float *taps, int ntaps,
                  float *out, ptrdiff_t count);

/// The same correlation, each sum multiplied by `unscale` and stored as a double.
void ck_correlate_to_double(ck_path path, const float *from, ptrdiff_t stride, const float *taps, int ntaps,
                            double unscale, double *out, ptrdiff_t count);

/// Σ (data[n] − model[n])² · weight[n] over n in 0..<count, in double (several partial sums).
double ck_weighted_square_sum(ck_path path, const double *data, const double *model, const double *weight,
                              ptrdiff_t count);

/// Σ values[n]² · weight[n] over n in 0..<count (Σ values[n]² when `weight` is NULL), in double
/// (several partial sums).
double ck_square_sum(ck_path path, const double *values, const double *weight, ptrdiff_t count);

#endif
