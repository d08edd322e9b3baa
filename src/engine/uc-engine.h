/* uc-engine.h: the whole engine API for the front ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "uc-types.h"
#include "uc-store.h"
#include "uc-import.h"
#include "uc-signal-defs.h"
#include "uc-analysis.h"
#include "uc-chart-style.h"
#include "uc-line-chart.h"
#include "uc-report.h"
#include "uc-demo.h"
