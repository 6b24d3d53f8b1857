package io.vlastudio.dataset;

import java.util.List;

/**
 * What the file's structure says about one demo, read without touching its data: name, numeric index,
 * number of steps, cameras, and structural problems (if any, the demo cannot be opened).
 */
public record DemoSummary(String name, int index, String hdf5Path, int length, List<CameraInfo> cameras,
                          List<DatasetProblem> problems) {

    public DemoSummary {
        cameras = List.copyOf(cameras);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * The numeric suffix of a demo group name ({@code demo_12} is 12), or -1 if it has none. Demos are always
     * sorted by this, never by name: HDF5 lists them {@code demo_0, demo_1, demo_10, ..., demo_2}.
     */
    public static int indexOf(String groupName) {
        int underscore = groupName.lastIndexOf('_');
        String digits = groupName.substring(underscore + 1);
        if (digits.isEmpty() || digits.length() > 9) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(digits);
    }
}
