package io.vlastudio.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deterministic sample of the HDF5 mutation fuzz (see {@link MutationFuzz}): every structural case of issue 14
 * (billion-step declared datasets, hard-link cycles, 8,000-deep groups, huge attributes, demos that are soft or
 * external links, user blocks, Fletcher32 corruption, broken symbolic links) plus seeded random mutations,
 * through {@code inspect} and {@code index} in 1 GB JVMs, and {@code frames} / {@code tokens actions} on some.
 * The 1,000-file run is the bench profile's ({@code mvn -Pbench -pl app verify}).
 */
class MutationFuzzTest {

    @TempDir
    Path dir;

    @Test
    void noCrashNoHangEveryBadFileNamedValidFilesAcceptedInputsUntouched() throws Exception {
        // -Dfuzz.count=1000 -Dfuzz.big=true for the long run through surefire (the bench profile runs MutationFuzz.main)
        int count = Integer.getInteger("fuzz.count", 80);
        MutationFuzz.Result r = new MutationFuzz(dir).run(count, Long.getLong("fuzz.seed", 14),
                Boolean.getBoolean("fuzz.big"), Integer.getInteger("fuzz.sample", 2));
        System.out.println("mutation fuzz: " + r.summary());
        r.details().forEach(d -> System.out.println("  " + d));

        assertThat(r.details()).as(r.summary()).isEmpty();
        assertThat(r.crashes()).isZero();
        assertThat(r.hangs()).isZero();
        assertThat(r.silentMisses()).isZero();
        assertThat(r.validRejected()).isZero();
        assertThat(r.inputsModified()).isZero();
        assertThat(r.integrity()).isEqualTo("ok");
        assertThat(r.files()).isGreaterThanOrEqualTo(count);
    }
}
