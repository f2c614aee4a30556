/*
 * ilrs/earthmoon_plot.h -- charts of the Earth-Moon system in its rotating
 * frame (x from the Earth to the Moon, z along their orbit normal), drawn
 * with plot.h: CR3BP periodic orbits and lunar transfers.
 */
#ifndef ILRS_EARTHMOON_PLOT_H
#define ILRS_EARTHMOON_PLOT_H

#include "ilrs/cr3bp.h"
#include "ilrs/lunar_transfer.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * ilrs_plot_cr3bp -- n family members in two panels, x-y and x-z, km from
 * the Moon, with the Moon, L1 and L2 marked; the file type from the
 * extension (.png, .svg, .pdf).
 * Returns: ILRS_OK; ILRS_EINVAL; ILRS_EIO; ILRS_ENOMEM; propagation
 *   errors.
 */
int ilrs_plot_cr3bp(const char *path, const ilrs_cr3bp_system *sys,
                    const ilrs_cr3bp_orbit *orbits, int n, const char *title,
                    ilrs_error *err);

/*
 * ilrs_plot_lunar_transfer -- a transfer in the rotating frame (km from
 * the Earth, panel 1; the last day near the Moon, km from the Moon, panel
 * 2) and, when ndays > 1, the daily costs of the window (panel 3: TLI,
 * LOI and total, days without a transfer marked).
 * Given: tr (the transfer drawn; status OK), days[0..ndays-1] (may be
 *   NULL when ndays <= 1), day0 (TDB s of days[0]'s day), title
 * Returns: as ilrs_plot_cr3bp; ephemeris errors.
 */
int ilrs_plot_lunar_transfer(const char *path, const ilrs_ephem *eph,
                             const ilrs_lunar_transfer *tr,
                             const ilrs_lunar_transfer *days, int ndays,
                             double day0, const char *title,
                             ilrs_error *err);

#ifdef __cplusplus
}
#endif
#endif
