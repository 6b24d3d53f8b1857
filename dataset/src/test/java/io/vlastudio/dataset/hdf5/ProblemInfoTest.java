package io.vlastudio.dataset.hdf5;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemInfoTest {

    @Test
    void decodesWhatPythonsJsonDumpsWrites() {
        // json.dumps escapes every non-ASCII character (ensure_ascii) and quotes; a regex over the text kept "\u00e8"
        String dumped = "{\"problem_name\": \"libero_tabletop_manipulation\", \"domain_name\": \"robosuite\", "
                + "\"language_instruction\": \"put the cr\\u00e8me \\\"br\\u00fbl\\u00e9e\\\" on the plate\"}";
        assertThat(ProblemInfo.languageInstruction(dumped)).contains("put the crème \"brûlée\" on the plate");
    }

    @Test
    void readsOnlyTheTopLevelInstruction() {
        String nested = "{\"problem_name\": \"p\", \"goal\": {\"language_instruction\": \"the wrong one\"}, "
                + "\"language_instruction\": \"open the drawer\"}";
        assertThat(ProblemInfo.languageInstruction(nested)).contains("open the drawer");
        assertThat(ProblemInfo.languageInstruction("{\"goal\": {\"language_instruction\": \"nested only\"}}")).isEmpty();
    }

    @Test
    void somethingThatIsNotAJsonObjectWithAnInstructionGivesNothing() {
        assertThat(ProblemInfo.languageInstruction("{\"language_instruction\": \"cut off")).isEmpty();
        assertThat(ProblemInfo.languageInstruction("{\"language_instruction\": 3}")).isEmpty();
        assertThat(ProblemInfo.languageInstruction("not json")).isEmpty();
        assertThat(ProblemInfo.languageInstruction("")).isEmpty();
    }
}
