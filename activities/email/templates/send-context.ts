import type { TrainingOffer } from '../../../workflows/rules/catalogue.ts';
import type { OrganisationSettings } from '../../../workflows/rules/organisation-settings.ts';

/** Files the sending activity attaches by itself (the convocation's), named by what they are. */
export type AttachedFile = 'programme' | 'internalRules' | 'calendar';

/**
 * What the sending activity read for an e-mail, beside its request and never in it, so that no
 * workflow history holds it: the organisation's settings in force and the files it attaches.
 */
export interface SendContext {
  settings: OrganisationSettings;
  attached: ReadonlySet<AttachedFile>;
  /** The catalogue version a convocation's session delivers, for its objectives. */
  offer?: TrainingOffer;
}
