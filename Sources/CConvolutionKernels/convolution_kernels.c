// One body per kernel (static, always inlined), instantiated by a baseline function and by one
// compiled for AVX2 + FMA. The vector types are 8 floats / 4 doubles (one AVX register, two SSE
// ones); sums of a · b + c are contracted into FMA instructions where the target has them.
#include "convolution_kernels.h"

#include <string.h>

typedef float f8 __attribute__((vector_size(32)));
typedef double d4 __attribute__((vector_size(32)));

#define INLINE static inline __attribute__((always_inline))

/// acc += w · p[0..<8] (an unaligned load; a macro, not a function, since passing AVX vectors by
/// value between functions compiled for different targets changes the calling convention).
#define MADD8(acc, w, p)                                                                         \
    do {                                                                                         \
        f8 x_;                                                                                   \
        memcpy(&x_, (p), sizeof x_);                                                             \
        (acc) += (w) * x_;                                                                       \
    } while (0)
/// acc += (data − model)² · weight over four doubles from offset n.
#define MADD_SQUARE4(acc, n)                                                                     \
    do {                                                                                         \
        d4 d_, m_, w_;                                                                           \
        memcpy(&d_, data + (n), sizeof d_);                                                      \
        memcpy(&m_, model + (n), sizeof m_);                                                     \
        memcpy(&w_, weight + (n), sizeof w_);                                                    \
        d4 r_ = d_ - m_;                                                                         \
        (acc) += r_ * r_ * w_;                                                                   \
    } while (0)

/// acc += values² (· weight when `weighted`) over four doubles from offset n.
#define MADD_VSQUARE4(acc, n, weighted)                                                          \
    do {                                                                                         \
        d4 v_;                                                                                   \
        memcpy(&v_, values + (n), sizeof v_);                                                    \
        if (weighted) {                                                                          \
            d4 w_;                                                                               \
            memcpy(&w_, weight + (n), sizeof w_);                                                \
            (acc) += v_ * v_ * w_;                                                               \
        } else {                                                                                 \
            (acc) += v_ * v_;                                                                    \
        }                                                                                        \
    } while (0)

/// Hands each finished vector of 8 sums, for outputs q … q + 7, to the store; `tail` sums one
/// output at a time. `STORE8(q, v)` and `STORE1(q, s)` are the two stores.
#define CORRELATE_BODY(STORE8, STORE1)                                                           \
    ptrdiff_t q = 0;                                                                             \
    /* 32 outputs at a time: four independent sums hide the add latency. */                      \
    for (; q + 32 <= count; q += 32) {                                                           \
        f8 a = {0}, b = {0}, c = {0}, d = {0};                                                   \
        const float *p = from + q;                                                               \
        for (int s = 0; s < ntaps; s++, p += stride) {                                           \
            f8 w = {taps[s], taps[s], taps[s], taps[s], taps[s], taps[s], taps[s], taps[s]};     \
            MADD8(a, w, p);                                                                      \
            MADD8(b, w, p + 8);                                                                  \
            MADD8(c, w, p + 16);                                                                 \
            MADD8(d, w, p + 24);                                                                 \
        }                                                                                        \
        STORE8(q, a); STORE8(q + 8, b); STORE8(q + 16, c); STORE8(q + 24, d);                    \
    }                                                                                            \
    for (; q + 8 <= count; q += 8) {                                                             \
        f8 a = {0};                                                                              \
        const float *p = from + q;                                                               \
        for (int s = 0; s < ntaps; s++, p += stride) {                                           \
            f8 w = {taps[s], taps[s], taps[s], taps[s], taps[s], taps[s], taps[s], taps[s]};     \
            MADD8(a, w, p);                                                                      \
        }                                                                                        \
        STORE8(q, a);                                                                            \
    }                                                                                            \
    for (; q < count; q++) {                                                                     \
        float sum = 0;                                                                           \
        const float *p = from + q;                                                               \
        for (int s = 0; s < ntaps; s++, p += stride) sum += taps[s] * *p;                        \
        STORE1(q, sum);                                                                          \
    }

#define STORE_FLOAT8(q, v) memcpy(out + (q), &(v), sizeof(f8))
#define STORE_FLOAT1(q, s) (out[q] = (s))
#define STORE_DOUBLE8(q, v)                                                                      \
    do {                                                                                         \
        for (int lane = 0; lane < 8; lane++) out[(q) + lane] = (double)(v)[lane] * unscale;     \
    } while (0)
#define STORE_DOUBLE1(q, s) (out[q] = (double)(s) * unscale)

INLINE void correlate(const float *from, ptrdiff_t stride, const float *taps, int ntaps, float *out,
                      ptrdiff_t count) {
    CORRELATE_BODY(STORE_FLOAT8, STORE_FLOAT1)
}

INLINE void correlate_to_double(const float *from, ptrdiff_t stride, const float *taps, int ntaps,
                                double unscale, double *out, ptrdiff_t count) {
    CORRELATE_BODY(STORE_DOUBLE8, STORE_DOUBLE1)
}

INLINE double weighted_square_sum(const double *data, const double *model, const double *weight,
                                  ptrdiff_t count) {
    d4 a = {0}, b = {0}, c = {0}, d = {0};
    ptrdiff_t n = 0;
    for (; n + 16 <= count; n += 16) {
        MADD_SQUARE4(a, n);
        MADD_SQUARE4(b, n + 4);
        MADD_SQUARE4(c, n + 8);
        MADD_SQUARE4(d, n + 12);
    }
    d4 total = (a + b) + (c + d);
    double sum = (total[0] + total[1]) + (total[2] + total[3]);
    for (; n < count; n++) {
        double r = data[n] - model[n];
        sum += r * r * weight[n];
    }
    return sum;
}

/// Four independent vector sums hide the add latency (one chain of adds would wait four cycles
/// per value); `weighted` is a constant at each call, so each instance has one loop.
INLINE double square_sum(const double *values, const double *weight, int weighted, ptrdiff_t count) {
    d4 a = {0}, b = {0}, c = {0}, d = {0};
    ptrdiff_t n = 0;
    for (; n + 16 <= count; n += 16) {
        MADD_VSQUARE4(a, n, weighted);
        MADD_VSQUARE4(b, n + 4, weighted);
        MADD_VSQUARE4(c, n + 8, weighted);
        MADD_VSQUARE4(d, n + 12, weighted);
    }
    d4 total = (a + b) + (c + d);
    double sum = (total[0] + total[1]) + (total[2] + total[3]);
    for (; n < count; n++) sum += values[n] * values[n] * (weighted ? weight[n] : 1.0);
    return sum;
}

/// ``square_sum`` with or without weights, as `weight` says.
INLINE double square_sum_any(const double *values, const double *weight, ptrdiff_t count) {
    return weight ? square_sum(values, weight, 1, count) : square_sum(values, weight, 0, count);
}

#if defined(__x86_64__)
#define WIDE __attribute__((target("avx2,fma")))

WIDE static void correlate_avx2(const float *from, ptrdiff_t stride, const float *taps, int ntaps, float *out,
                                ptrdiff_t count) {
    correlate(from, stride, taps, ntaps, out, count);
}

WIDE static void correlate_to_double_avx2(const float *from, ptrdiff_t stride, const float *taps, int ntaps,
                                          double unscale, double *out, ptrdiff_t count) {
    correlate_to_double(from, stride, taps, ntaps, unscale, out, count);
}

WIDE static double weighted_square_sum_avx2(const double *data, const double *model, const double *weight,
                                            ptrdiff_t count) {
    return weighted_square_sum(data, model, weight, count);
}

WIDE static double square_sum_avx2(const double *values, const double *weight, ptrdiff_t count) {
    return square_sum_any(values, weight, count);
}

ck_path ck_best_path(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? CK_PATH_AVX2_FMA : CK_PATH_BASELINE;
}
#else
ck_path ck_best_path(void) { return CK_PATH_BASELINE; }
#endif

__attribute__((noinline)) static void correlate_baseline(const float *from, ptrdiff_t stride, const float *taps,
                                                         int ntaps, float *out, ptrdiff_t count) {
    correlate(from, stride, taps, ntaps, out, count);
}

__attribute__((noinline)) static void correlate_to_double_baseline(const float *from, ptrdiff_t stride,
                                                                   const float *taps, int ntaps, double unscale,
                                                                   double *out, ptrdiff_t count) {
    correlate_to_double(from, stride, taps, ntaps, unscale, out, count);
}

void ck_correlate(ck_path path, const float *from, ptrdiff_t stride, const float *taps, int ntaps, float *out,
                  ptrdiff_t count) {
#if defined(__x86_64__)
    if (path == CK_PATH_AVX2_FMA) { correlate_avx2(from, stride, taps, ntaps, out, count); return; }
#endif
    correlate_baseline(from, stride, taps, ntaps, out, count);
}

void ck_correlate_to_double(ck_path path, const float *from, ptrdiff_t stride, const float *taps, int ntaps,
                            double unscale, double *out, ptrdiff_t count) {
#if defined(__x86_64__)
    if (path == CK_PATH_AVX2_FMA) {
        correlate_to_double_avx2(from, stride, taps, ntaps, unscale, out, count);
        return;
    }
#endif
    correlate_to_double_baseline(from, stride, taps, ntaps, unscale, out, count);
}

double ck_weighted_square_sum(ck_path path, const double *data, const double *model, const double *weight,
                              ptrdiff_t count) {
#if defined(__x86_64__)
    if (path == CK_PATH_AVX2_FMA) return weighted_square_sum_avx2(data, model, weight, count);
#endif
    return weighted_square_sum(data, model, weight, count);
}

double ck_square_sum(ck_path path, const double *values, const double *weight, ptrdiff_t count) {
#if defined(__x86_64__)
    if (path == CK_PATH_AVX2_FMA) return square_sum_avx2(values, weight, count);
#endif
    return square_sum_any(values, weight, count);
}
