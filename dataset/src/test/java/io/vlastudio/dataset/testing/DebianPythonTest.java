package io.vlastudio.dataset.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DebianPythonTest {

    @Test
    void aMissingModuleFailsWithTheDebianPackageToInstall() {
        assertThatThrownBy(() -> DebianPython.require("numpy", "vlastudio_no_such_module"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/usr/bin/python3")
                .hasMessageContaining("apt-get install python3-vlastudio_no_such_module")
                .hasMessageNotContaining("python3-numpy");
    }

    @Test
    void aScriptThatFailsOnAnImportIsExplainedByItsPackage() {
        String traceback = "Traceback (most recent call last):\n  File \"x.py\", line 3, in <module>\n"
                + "ModuleNotFoundError: No module named 'h5py'\n";
        assertThat(DebianPython.explainFailure(traceback, "fallback")).contains("python3-h5py", "apt-get install");
        assertThat(DebianPython.explainFailure("ValueError: bad shape", "fallback")).isEqualTo("fallback");
    }
}
