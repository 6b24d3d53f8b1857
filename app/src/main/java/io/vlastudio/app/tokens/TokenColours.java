package io.vlastudio.app.tokens;

import io.vlastudio.tokenizer.sequence.TokenKind;
import javafx.scene.paint.Color;

/** One colour per token kind, shared by the token strip and its legend. */
final class TokenColours {

    private TokenColours() {
    }

    static Color of(TokenKind kind) {
        return switch (kind) {
            case BOS -> Color.web("#f2f2f2");
            case TEXT -> Color.web("#8bc34a");
            case TEXT_UNTOKENIZED -> Color.web("#c5e1a5");
            case IMAGE_START, IMAGE_END -> Color.web("#1e88e5");
            case IMAGE_GRID -> Color.web("#64b5f6");
            case IMAGE_CODE -> Color.web("#3f6c99");
            case IMAGE_ROW_END -> Color.web("#90caf9");
            case ACTION_START, ACTION_END -> Color.web("#fb8c00");
            case ACTION_BIN -> Color.web("#ffcc80");
            case SEPARATOR -> Color.web("#e53935");
        };
    }
}
