package io.vlastudio.tokenizer.image;

import java.util.Collection;

/** How often each code is used over a set of code grids (a demo, or every demo of a view). */
public record CodebookUsage(long[] counts, long total) {

    public static CodebookUsage of(int codebookSize, Collection<CodeGrid> grids) {
        long[] counts = new long[codebookSize];
        long total = 0;
        for (CodeGrid g : grids) {
            for (int c : g.codesView()) {
                counts[c]++;
                total++;
            }
        }
        return new CodebookUsage(counts, total);
    }

    /** The sum of two usages over the same codebook. */
    public CodebookUsage plus(CodebookUsage other) {
        long[] sum = counts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.counts[i];
        }
        return new CodebookUsage(sum, total + other.total);
    }

    public int codebookSize() {
        return counts.length;
    }

    /** Codes used at least once. */
    public int usedCodes() {
        int n = 0;
        for (long c : counts) {
            if (c > 0) {
                n++;
            }
        }
        return n;
    }

    /** Codes never used. */
    public int deadCodes() {
        return counts.length - usedCodes();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }
}
