package io.vlastudio.dataset;

/**
 * A camera of a demo: every {@code uint8 (T,H,W,3)} dataset under {@code obs/}. The name drops the LIBERO
 * {@code _rgb} or robomimic {@code _image} suffix, so {@code agentview} names both conventions.
 */
public record CameraInfo(String name, String datasetName, int height, int width) {

    /** The camera name for an {@code obs/} dataset name. */
    public static String cameraName(String datasetName) {
        if (datasetName.endsWith("_rgb")) {
            return datasetName.substring(0, datasetName.length() - 4);
        }
        if (datasetName.endsWith("_image")) {
            return datasetName.substring(0, datasetName.length() - 6);
        }
        return datasetName;
    }
}
