package io.vlastudio.dataset.hdf5;

import io.vlastudio.dataset.DatasetException;
import io.vlastudio.dataset.Frame;
import io.vlastudio.dataset.Orientation;

/** Reads single frames of one {@code uint8 (T,H,W,3)} camera dataset. */
interface FrameSource {

    Frame frame(int step, Orientation orientation) throws DatasetException;
}
