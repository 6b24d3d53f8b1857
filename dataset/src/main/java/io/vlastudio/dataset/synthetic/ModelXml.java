package io.vlastudio.dataset.synthetic;

import java.util.Locale;

/** Writes a small, deterministic MuJoCo-like model XML describing one episode's scene. Stateless. */
final class ModelXml {

    private ModelXml() {
    }

    static String of(SceneLayout layout) {
        SyntheticTask task = layout.task();
        ObjectShape shape = task.shape();
        TargetKind target = task.target();
        StringBuilder x = new StringBuilder(6000);
        x.append("<mujoco model=\"vla_studio_synthetic_tabletop\">\n");
        x.append("  <!-- synthetic scene for task: ").append(task.instruction()).append(" -->\n");
        x.append("  <compiler angle=\"radian\" coordinate=\"local\" inertiafromgeom=\"auto\"/>\n");
        x.append("  <option timestep=\"0.002\" gravity=\"0 0 -9.81\" integrator=\"implicitfast\"/>\n");
        x.append("  <size njmax=\"5000\" nconmax=\"5000\"/>\n");
        x.append("  <visual><quality shadowsize=\"2048\"/><map znear=\"0.001\"/></visual>\n");
        x.append("  <asset>\n");
        x.append("    <texture name=\"wood\" type=\"2d\" builtin=\"flat\" rgb1=\"0.74 0.58 0.41\" width=\"512\""
                + " height=\"512\"/>\n");
        x.append("    <material name=\"table_mat\" texture=\"wood\" texrepeat=\"3 3\" specular=\"0.2\""
                + " shininess=\"0.1\"/>\n");
        x.append("    <material name=\"wall_mat\" rgba=\"0.36 0.41 0.5 1\"/>\n");
        x.append("    <material name=\"robot_mat\" rgba=\"0.89 0.89 0.91 1\"/>\n");
        x.append("  </asset>\n");
        x.append("  <worldbody>\n");
        x.append("    <light name=\"key\" pos=\"0.6 -0.8 2.5\" dir=\"-0.3 0.4 -1\" directional=\"true\""
                + " castshadow=\"true\"/>\n");
        x.append(f("    <camera name=\"agentview\" mode=\"targetbody\" fovy=\"%.1f\" pos=\"%.3f 0 %.3f\""
                        + " target=\"agentview_target\"/>\n", AgentviewRenderer.FOVY_DEG,
                AgentviewRenderer.EYE_X, AgentviewRenderer.EYE_Z));
        x.append(f("    <body name=\"agentview_target\" pos=\"%.3f 0 %.3f\"/>\n", AgentviewRenderer.LOOK_AT_X,
                AgentviewRenderer.LOOK_AT_Z));
        x.append(f("    <geom name=\"floor\" type=\"plane\" size=\"3 3 0.05\" rgba=\"%s\"/>\n", rgba(Palette.FLOOR)));
        x.append(f("    <body name=\"table\" pos=\"%.3f 0 %.4f\">\n",
                (World.TABLE_X_FAR + World.TABLE_X_NEAR) / 2, World.TABLE_Z - World.TABLE_THICKNESS / 2));
        x.append(f("      <geom name=\"table_top\" type=\"box\" size=\"%.3f %.3f %.4f\" material=\"table_mat\""
                        + " friction=\"1 0.005 0.0001\"/>\n",
                (World.TABLE_X_NEAR - World.TABLE_X_FAR) / 2, World.TABLE_Y_HALF, World.TABLE_THICKNESS / 2));
        x.append("    </body>\n");
        x.append(f("    <geom name=\"wall\" type=\"box\" pos=\"%.3f 0 1.4\" size=\"0.02 1.5 0.6\" material=\"wall_mat\""
                + "/>\n", World.TABLE_X_FAR - 0.02));
        appendRobot(x, layout);
        String objectBody = task.colorName() + "_" + shape.word() + "_1";
        x.append(f("    <body name=\"%s\" pos=\"%.4f %.4f %.4f\" quat=\"%.6f 0 0 %.6f\">\n", objectBody,
                layout.objectX(), layout.objectY(), layout.objectRestZ(),
                StrictMath.cos(layout.objectYaw() / 2), StrictMath.sin(layout.objectYaw() / 2)));
        x.append(f("      <joint name=\"%s_joint0\" type=\"free\" damping=\"0.0005\"/>\n", objectBody));
        if (shape == ObjectShape.CUBE) {
            x.append(f("      <geom name=\"%s_g0\" type=\"box\" size=\"%.4f %.4f %.4f\" rgba=\"%s\" mass=\"0.08\"/>\n",
                    objectBody, shape.halfWidth(), shape.halfWidth(), shape.halfHeight(), rgba(task.objectColor())));
        } else {
            x.append(f("      <geom name=\"%s_g0\" type=\"cylinder\" size=\"%.4f %.4f\" rgba=\"%s\" mass=\"0.08\"/>\n",
                    objectBody, shape.halfWidth(), shape.halfHeight(), rgba(task.objectColor())));
        }
        x.append("    </body>\n");
        String targetBody = target.noun().replace(' ', '_') + "_1";
        x.append(f("    <body name=\"%s\" pos=\"%.4f %.4f %.4f\">\n", targetBody, layout.targetX(), layout.targetY(),
                World.TABLE_Z + 0.002));
        x.append(f("      <geom name=\"%s_g0\" type=\"%s\" size=\"%.4f %.4f 0.002\" contype=\"0\" conaffinity=\"0\"/>\n",
                targetBody, target.round() ? "cylinder" : "box", target.halfX(), target.halfY()));
        x.append(f("      <site name=\"%s_contain_region\" type=\"box\" size=\"%.4f %.4f 0.03\" rgba=\"0 0 1 0\"/>\n",
                targetBody, target.halfX(), target.halfY()));
        x.append("    </body>\n");
        x.append("  </worldbody>\n");
        x.append("  <actuator>\n");
        for (int j = 1; j <= 7; j++) {
            x.append(f("    <motor name=\"robot0_torq_j%d\" joint=\"robot0_joint%d\" ctrllimited=\"true\""
                    + " ctrlrange=\"-80 80\"/>\n", j, j));
        }
        x.append("    <position name=\"gripper0_finger_joint1\" joint=\"gripper0_finger_joint1\" kp=\"1000\""
                + " ctrlrange=\"0 0.04\"/>\n");
        x.append("    <position name=\"gripper0_finger_joint2\" joint=\"gripper0_finger_joint2\" kp=\"1000\""
                + " ctrlrange=\"-0.04 0\"/>\n");
        x.append("  </actuator>\n");
        x.append("</mujoco>\n");
        return x.toString();
    }

    private static void appendRobot(StringBuilder x, SceneLayout layout) {
        double[] q = Kinematics.jointAngles(layout.eefX(), layout.eefY(), layout.eefZ(), 0, 0, 0);
        x.append(f("    <body name=\"robot0_base\" pos=\"%.3f %.3f %.3f\">\n", World.BASE_X, World.BASE_Y,
                World.BASE_Z));
        x.append("      <geom name=\"robot0_base_vis\" type=\"cylinder\" size=\"0.09 0.06\" material=\"robot_mat\"/>\n");
        String indent = "      ";
        double[][] offsets = {{0, 0, 0.333}, {0, 0, 0}, {0, -0.316, 0}, {0.0825, 0, 0}, {-0.0825, 0.384, 0},
            {0, 0, 0}, {0.088, 0, 0}};
        String[] axes = {"0 0 1", "0 1 0", "0 0 1", "0 -1 0", "0 0 1", "0 -1 0", "0 0 -1"};
        for (int j = 0; j < 7; j++) {
            x.append(indent).append(f("<body name=\"robot0_link%d\" pos=\"%.4f %.4f %.4f\">\n", j + 1,
                    offsets[j][0], offsets[j][1], offsets[j][2]));
            indent += "  ";
            x.append(indent).append(f("<joint name=\"robot0_joint%d\" axis=\"%s\" range=\"-2.9 2.9\" damping=\"0.1\""
                    + " ref=\"%.5f\"/>\n", j + 1, axes[j], q[j]));
            x.append(indent).append(f("<geom name=\"robot0_link%d_collision\" type=\"capsule\" size=\"0.05 0.06\""
                    + " material=\"robot_mat\"/>\n", j + 1));
        }
        x.append(indent).append("<body name=\"gripper0_hand\" pos=\"0 0 0.107\">\n");
        x.append(indent).append("  <geom name=\"gripper0_hand_vis\" type=\"box\" size=\"0.022 0.07 0.02\""
                + " material=\"robot_mat\"/>\n");
        x.append(indent).append(f("  <camera name=\"robot0_eye_in_hand\" mode=\"fixed\" pos=\"%.3f 0 %.3f\""
                + " fovy=\"%.1f\"/>\n", -WristRenderer.BACK, WristRenderer.HEIGHT, WristRenderer.FOVY_DEG));
        x.append(indent).append("  <site name=\"gripper0_grip_site\" pos=\"0 0 0.1034\" size=\"0.005\"/>\n");
        for (int f = 1; f <= 2; f++) {
            x.append(indent).append(f("  <body name=\"gripper0_finger%d\" pos=\"0 0 0.0584\">\n", f));
            x.append(indent).append(f("    <joint name=\"gripper0_finger_joint%d\" type=\"slide\" axis=\"0 %d 0\""
                    + " range=\"%s\"/>\n", f, f == 1 ? 1 : -1, f == 1 ? "0 0.04" : "-0.04 0"));
            x.append(indent).append(f("    <geom name=\"gripper0_finger%d_pad\" type=\"box\" size=\"0.011 0.008"
                    + " 0.026\" rgba=\"0.19 0.19 0.21 1\" friction=\"2 0.05 0.0001\"/>\n", f));
            x.append(indent).append("  </body>\n");
        }
        x.append(indent).append("</body>\n");
        for (int j = 6; j >= 0; j--) {
            indent = indent.substring(2);
            x.append(indent).append("</body>\n");
        }
        x.append("    </body>\n");
    }

    private static String rgba(Rgb c) {
        return f("%.3f %.3f %.3f 1", c.r() / 255.0, c.g() / 255.0, c.b() / 255.0);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
