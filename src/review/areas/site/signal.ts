/**
 * One signal as the site page shows it: its id, what it says, the platform it points at, its weight, score and
 * contribution. Kept to this one function so that the detectors' Chinese message catalogue can render the
 * "说明" cell here and nowhere else.
 */
import type { StoredSignal } from '../../../model/result.js';
import { detailOf, signalName } from '../../../model/messages/index.js';
import { html, type SafeHtml } from '../../html.js';

/** A row of the 判定依据 table; `max` is the largest contribution on the page (for the bar's length). */
export function signalRow(s: StoredSignal, max: number): SafeHtml {
  const c = s.weight * s.score;
  return html`<tr>
    <td>${signalName(s.id, 'zh')}<div class="hint host">${s.id}</div></td><td>${detailOf(s, 'zh')}</td><td class="platform">${s.platform ?? '—'}</td>
    <td class="num">${s.weight}</td><td class="num">${s.score.toFixed(2)}</td>
    <td><div class="num">${c.toFixed(1)}</div><div class="bar"><span class="w${Math.round((Math.abs(c) / max) * 10)}"></span></div></td>
  </tr>`;
}
