package io.vlastudio.tokenizer.image;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors, the statistic behind FVD (and FID):
 * {@code |mu1 - mu2|^2 + tr(C1) + tr(C2) - 2 tr(sqrtm(C1 C2))}, with the means and the covariances (denominator
 * {@code n - 1}, as {@code numpy.cov}) of the two samples.
 *
 * <p>All in float64. {@code tr(sqrtm(C1 C2))} is computed without a general (non-symmetric) matrix square root:
 * {@code C1 C2} is similar to the symmetric positive semi-definite {@code S C2 S} with {@code S = sqrtm(C1)}, so its
 * square root's trace is the sum of the square roots of that matrix's eigenvalues. {@code S} comes from a symmetric
 * eigen-decomposition of {@code C1} (EJML; docs/decisions/0070-ejml-for-fvd.md). Eigenvalues that rounding makes
 * slightly negative, or positive below a rank tolerance, are taken as 0, so the result is finite even when the covariances are singular (fewer samples than
 * feature dimensions, the usual case for one demo) and never negative beyond rounding.
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /**
     * The distance between the Gaussian fits of {@code a} and {@code b} (rows are samples, columns features).
     *
     * @throws IllegalArgumentException fewer than 2 samples on a side, or rows of different widths
     */
    public static double of(double[][] a, double[][] b) {
        int d = width(a, "first");
        if (width(b, "second") != d) {
            throw new IllegalArgumentException("feature widths differ: " + d + " and " + b[0].length);
        }
        double[] mu1 = mean(a);
        double[] mu2 = mean(b);
        DMatrixRMaj c1 = covariance(a, mu1);
        DMatrixRMaj c2 = covariance(b, mu2);
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = mu1[i] - mu2[i];
            meanTerm += diff * diff;
        }
        double value = meanTerm + CommonOps_DDRM.trace(c1) + CommonOps_DDRM.trace(c2) - 2 * traceSqrtProduct(c1, c2);
        return value;
    }

    /** {@code tr(sqrtm(c1 c2))} for symmetric positive semi-definite {@code c1}, {@code c2}. */
    static double traceSqrtProduct(DMatrixRMaj c1, DMatrixRMaj c2) {
        int d = c1.numRows;
        DMatrixRMaj s = symmetricSqrt(c1);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(s, c2, tmp);
        CommonOps_DDRM.mult(tmp, s, m);
        symmetrize(m);
        double[] eig = symmetricEigenvalues(m);
        double tol = tolerance(eig);
        double sum = 0;
        for (double v : eig) {
            sum += v > tol ? Math.sqrt(v) : 0;
        }
        return sum;
    }

    /** {@code V diag(sqrt(max(l, 0))) V^T} of a symmetric matrix. */
    static DMatrixRMaj symmetricSqrt(DMatrixRMaj c) {
        int d = c.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(c.copy())) {
            throw new ArithmeticException("the eigen-decomposition of a " + d + "x" + d + " covariance did not converge");
        }
        double[] values = new double[eig.getNumberOfEigenvalues()];
        for (int k = 0; k < values.length; k++) {
            values[k] = eig.getEigenvalue(k).getReal();
        }
        double tol = tolerance(values);
        DMatrixRMaj out = new DMatrixRMaj(d, d);
        for (int k = 0; k < values.length; k++) {
            double root = values[k] > tol ? Math.sqrt(values[k]) : 0;
            DMatrixRMaj v = eig.getEigenVector(k);
            if (root == 0 || v == null) {
                continue;
            }
            for (int i = 0; i < d; i++) {
                double vi = v.get(i, 0) * root;
                if (vi == 0) {
                    continue;
                }
                int row = i * d;
                for (int j = 0; j < d; j++) {
                    out.data[row + j] += vi * v.get(j, 0);
                }
            }
        }
        return out;
    }

    /**
     * Eigenvalues below {@code max|l| * d * 2^-52} are rounding noise of a singular matrix (NumPy's rank tolerance):
     * their square roots (about 1e-8 each) would otherwise add up to a visible error.
     */
    private static double tolerance(double[] eig) {
        double max = 0;
        for (double v : eig) {
            max = Math.max(max, Math.abs(v));
        }
        return max * eig.length * Math.ulp(1.0);
    }

    static double[] symmetricEigenvalues(DMatrixRMaj m) {
        int d = m.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
        if (!eig.decompose(m.copy())) {
            throw new ArithmeticException("the eigen-decomposition of a " + d + "x" + d + " matrix did not converge");
        }
        double[] out = new double[eig.getNumberOfEigenvalues()];
        for (int k = 0; k < out.length; k++) {
            out[k] = eig.getEigenvalue(k).getReal();
        }
        return out;
    }

    private static void symmetrize(DMatrixRMaj m) {
        int d = m.numRows;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
    }

    static double[] mean(double[][] x) {
        double[] mu = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < mu.length; j++) {
            mu[j] /= x.length;
        }
        return mu;
    }

    /** Sample covariance with denominator {@code n - 1} (numpy.cov's default). */
    static DMatrixRMaj covariance(double[][] x, double[] mu) {
        int n = x.length;
        int d = mu.length;
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred.set(i, j, x[i][j] - mu[j]);
            }
        }
        DMatrixRMaj c = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(centred, centred, c);
        CommonOps_DDRM.scale(1.0 / (n - 1), c);
        return c;
    }

    private static int width(double[][] x, String which) {
        if (x == null || x.length < 2) {
            throw new IllegalArgumentException("the " + which + " sample needs at least 2 feature vectors for a covariance, got "
                    + (x == null ? 0 : x.length));
        }
        int d = x[0].length;
        for (double[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("rows of the " + which + " sample have different widths (" + d + ", "
                        + row.length + ")");
            }
        }
        if (d < 1) {
            throw new IllegalArgumentException("empty feature vectors");
        }
        return d;
    }
}
