/* uc-application.h: the Undercurrent application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UC_TYPE_APPLICATION (uc_application_get_type ())
G_DECLARE_FINAL_TYPE (UcApplication, uc_application, UC, APPLICATION, AdwApplication)

UcApplication *uc_application_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
