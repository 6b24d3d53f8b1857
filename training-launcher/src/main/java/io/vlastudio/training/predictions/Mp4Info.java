package io.vlastudio.training.predictions;

/**
 * What the MP4 box structure says about a video's first video track.
 *
 * @param codec    the codec as JCodec names it ({@code H264}, {@code MPEG4}, ...) or the sample entry's fourcc
 * @param playable whether JavaFX Media plays this codec in an MP4 (H.264 or H.265)
 */
public record Mp4Info(String codec, int width, int height, int frames, double seconds, boolean playable) {
}
