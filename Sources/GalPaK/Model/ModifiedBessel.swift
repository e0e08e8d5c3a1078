import Foundation

/// Modified Bessel functions of order 0 and 1, `I0, I1, K0, K1`, for x > 0, as the Freeman
/// disk needs them.
///
/// Polynomial approximations of Abramowitz & Stegun (1964) §9.8: 9.8.1–9.8.4 for `I0, I1`
/// (|x| < 3.75 in `(x/3.75)²`, above in `3.75/x` times `eˣ/√x`) and 9.8.5–9.8.8 for `K0, K1`
/// (x ≤ 2 in `x²/4` with the logarithmic term, above in `2/x` times `e⁻ˣ/√x`).
///
/// Accuracy, measured against SciPy's `special.i0/i1/k0/k1` on 0.0001 ≤ x ≤ 40: relative error
/// below 2e-7 for each function (A&S's stated bounds are 1.6e-7…2.2e-7).
@usableFromInline enum ModifiedBessel {
    /// I0(x).
    static func i0(_ x: Double) -> Double {
        let ax = abs(x)
        if ax < 3.75 {
            let y = (x / 3.75) * (x / 3.75)
            return 1 + y * (3.5156229 + y * (3.0899424 + y * (1.2067492
                + y * (0.2659732 + y * (0.0360768 + y * 0.0045813)))))
        }
        let y = 3.75 / ax
        let p = 0.39894228 + y * (0.01328592 + y * (0.00225319 + y * (-0.00157565 + y * (0.00916281
            + y * (-0.02057706 + y * (0.02635537 + y * (-0.01647633 + y * 0.00392377)))))))
        return exp(ax) / ax.squareRoot() * p
    }

    /// I1(x) for x ≥ 0.
    static func i1(_ x: Double) -> Double {
        let ax = abs(x)
        if ax < 3.75 {
            let y = (x / 3.75) * (x / 3.75)
            return ax * (0.5 + y * (0.87890594 + y * (0.51498869 + y * (0.15084934
                + y * (0.02658733 + y * (0.00301532 + y * 0.00032411))))))
        }
        let y = 3.75 / ax
        let tail = 0.02282967 + y * (-0.02895312 + y * (0.01787654 - y * 0.00420059))
        let p = 0.39894228 + y * (-0.03988024 + y * (-0.00362018 + y * (0.00163801
            + y * (-0.01031555 + y * tail))))
        return exp(ax) / ax.squareRoot() * p
    }

    /// K0(x) for x > 0.
    static func k0(_ x: Double) -> Double {
        if x <= 2 {
            let y = x * x / 4
            return -log(x / 2) * i0(x) + (-0.57721566 + y * (0.42278420 + y * (0.23069756
                + y * (0.03488590 + y * (0.00262698 + y * (0.00010750 + y * 0.0000074))))))
        }
        let y = 2 / x
        return exp(-x) / x.squareRoot() * (1.25331414 + y * (-0.07832358 + y * (0.02189568
            + y * (-0.01062446 + y * (0.00587872 + y * (-0.00251540 + y * 0.00053208))))))
    }

    /// K1(x) for x > 0.
    static func k1(_ x: Double) -> Double {
        if x <= 2 {
            let y = x * x / 4
            return log(x / 2) * i1(x) + (1 / x) * (1 + y * (0.15443144 + y * (-0.67278579
                + y * (-0.18156897 + y * (-0.01919402 + y * (-0.00110404 + y * -0.00004686))))))
        }
        let y = 2 / x
        return exp(-x) / x.squareRoot() * (1.25331414 + y * (0.23498619 + y * (-0.03655620
            + y * (0.01504268 + y * (-0.00780353 + y * (0.00325614 + y * -0.00068245))))))
    }

    /// `y²·[I0(y)K0(y) − I1(y)K1(y)]`, the shape of a Freeman disk's v² (Binney & Tremaine
    /// 2008, eq. 2.165), for y ≥ 0 (0 at y = 0).
    ///
    /// Below y = 9 from the functions above. Beyond, the two products agree to ~1/(2y²) and
    /// their difference would lose that much accuracy, so the difference is summed directly
    /// from the asymptotic expansion of the products (DLMF 10.40.6):
    /// `IνKν(y) ~ (1/2y) Σₖ (−1)ᵏ (2k−1)!!/(2k)!! · Πⱼ₌₁ᵏ (4ν² − (2j−1)²) / (2y)^2k`,
    /// stopped at its smallest term. Relative error against SciPy below 6e-6 for y < 9 and
    /// below 1.2e-6 beyond (1e-11 from y = 15).
    @usableFromInline static func freemanShape(_ y: Double) -> Double {
        guard y > 0 else { return 0 }
        if y < 9 {
            return y * y * (i0(y) * k0(y) - i1(y) * k1(y))
        }
        var sum = 0.0, coefficient = 1.0, p0 = 1.0, p1 = 1.0
        var previous = Double.infinity
        let inverse = 1 / (4 * y * y)
        var power = 1.0
        for k in 1...40 {
            let odd = Double(2 * k - 1)
            coefficient *= -odd / Double(2 * k)
            p0 *= -odd * odd
            p1 *= 4 - odd * odd
            power *= inverse
            let term = coefficient * (p0 - p1) * power
            if abs(term) >= previous { break }
            sum += term
            previous = abs(term)
            if abs(term) < 1e-17 * abs(sum) { break }
        }
        return y * sum / 2
    }
}
