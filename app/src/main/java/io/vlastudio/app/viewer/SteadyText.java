package io.vlastudio.app.viewer;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Skin;
import javafx.scene.control.skin.CheckBoxSkin;
import javafx.scene.control.skin.LabelSkin;

/**
 * Labels and check boxes whose text changes on every step (readouts, step counters, captions). A stock labeled
 * control answers every new text by taking its children off and putting them back, and children put back get their
 * CSS applied anew (a check box: its box and mark too): several style lookups per readout per pulse, the largest
 * single cost of a scrubbing pulse on the FX thread after the pictures (issue 12). These skins keep the children
 * while only the text changes; the new text is laid out as usual. Everything else (a new graphic, a new content
 * display) goes through the stock skin.
 */
public final class SteadyText {

    private SteadyText() {
    }

    /** A label for a text that changes often. */
    public static Label label(String text) {
        return new Label(text) {
            @Override
            protected Skin<?> createDefaultSkin() {
                return new SteadyLabelSkin(this);
            }
        };
    }

    /** A check box whose text (a readout) changes often. */
    public static CheckBox checkBox(String text) {
        return new CheckBox(text) {
            @Override
            protected Skin<?> createDefaultSkin() {
                return new SteadyCheckBoxSkin(this);
            }
        };
    }

    private static final class SteadyLabelSkin extends LabelSkin {
        private Node graphic;
        private boolean built;

        SteadyLabelSkin(Label label) {
            super(label);
        }

        @Override
        protected void updateChildren() {
            Node g = getSkinnable().getGraphic();
            // the stock skin's children: the text, after the graphic when there is one
            if (built && g == graphic && getChildren().size() == (g == null ? 1 : 2)) {
                return;
            }
            super.updateChildren();
            graphic = g;
            built = true;
        }
    }

    private static final class SteadyCheckBoxSkin extends CheckBoxSkin {
        private Node graphic;
        private boolean built;

        SteadyCheckBoxSkin(CheckBox box) {
            super(box);
        }

        @Override
        protected void updateChildren() {
            Node g = getSkinnable().getGraphic();
            // the stock skin's children: (graphic,) text, box — the box is added by the check box skin's constructor
            if (built && g == graphic && getChildren().size() == (g == null ? 2 : 3)) {
                return;
            }
            super.updateChildren();
            graphic = g;
            built = true;
        }
    }
}
