/* uc-compat.c: version-conditional GTK/libadwaita API.
 *
 * Pattern: newer API under GTK_CHECK_VERSION/ADW_CHECK_VERSION inside
 * G_GNUC_BEGIN_IGNORE_DEPRECATIONS (the build caps the allowed API at
 * GTK 4.8 and libadwaita 1.2, so newer symbols warn and warnings are
 * errors), always with a branch that works on 4.8/1.2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "uc-compat.h"

void
uc_compat_widget_get_color (GtkWidget *widget,
                            GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (color != NULL);

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
G_GNUC_END_IGNORE_DEPRECATIONS
}

gboolean
uc_compat_widget_lookup_color (GtkWidget  *widget,
                               const char *name,
                               GdkRGBA    *color)
{
  GdkRGBA found;
  gboolean ret;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  /* Deprecated since GTK 4.10 without a replacement; still the only way
   * to read @define-color values from C, and it works on every GTK 4. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  ret = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                        name, &found);
G_GNUC_END_IGNORE_DEPRECATIONS

  if (ret)
    *color = found;
  return ret;
}
