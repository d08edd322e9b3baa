/* uc-compat.h: the one place for version-conditional GTK/libadwaita API.
 *
 * Undercurrent targets GTK 4.8 and libadwaita 1.2 (Debian 12). Anything
 * that changed after them is wrapped here, with a working 4.8/1.2 branch,
 * so the rest of src/ui/ never needs a version check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The widget's current CSS foreground colour. */
void     uc_compat_widget_get_color    (GtkWidget  *widget,
                                        GdkRGBA    *color);

/* Look up a named theme colour (“accent_color”, “success_color”…) as seen
 * by @widget. Returns FALSE and leaves @color untouched when unknown. */
gboolean uc_compat_widget_lookup_color (GtkWidget  *widget,
                                        const char *name,
                                        GdkRGBA    *color);

G_END_DECLS
