// A staging label move (UpdateSecretVersionStage: promote, roll back, attach, move or remove a
// label) whose answer may be lost. The call has no request token, so when it is sent again after
// Secrets Manager committed it (the SDK's own retry of a dropped connection), it is refused: the
// label is no longer on the version RemoveFromVersionId names. The move is then reported as a
// failure although it went through, and the user's next attempt, planned on the state before it,
// can move the label back. So an error that may follow a commit is checked: the secret is read
// again, and if the label is where the move was to leave it, the move went through. Pure apart
// from the service calls; no `vscode`.
import { AwsError } from '../aws/errors';
import type { MoveLabelRequest, SecretsService } from '../aws/types';
import { adviceFor } from './errorPolicy';
import { holderOf } from './stages';

type VersionStagesMap = Readonly<Record<string, readonly string[]>>;

/** Whether the label is where the move leaves it. */
export function moveLanded(versionsToStages: VersionStagesMap, req: Pick<MoveLabelRequest, 'label' | 'moveToVersionId' | 'removeFromVersionId'>): boolean {
  if (req.moveToVersionId !== undefined) return holderOf(versionsToStages, req.label) === req.moveToVersionId;
  return req.removeFromVersionId !== undefined && !(versionsToStages[req.removeFromVersionId] ?? []).includes(req.label);
}

/**
 * Sends the move. 'sent': answered. 'found': the answer was lost (or the SDK's retry was refused
 * because the first attempt had moved the label), and the secret shows the move went through.
 * Throws the original error otherwise.
 */
export async function moveStage(service: SecretsService, req: MoveLabelRequest): Promise<'sent' | 'found'> {
  try {
    await service.updateVersionStage(req);
    return 'sent';
  } catch (err) {
    const mayHaveLanded = adviceFor(err).mayHaveCommitted || (err instanceof AwsError && err.kind === 'invalidInput');
    if (!mayHaveLanded) throw err;
    let now: VersionStagesMap;
    try {
      now = (await service.describeSecret(req.secretId, req.signal)).versionsToStages;
    } catch {
      throw err;
    }
    if (moveLanded(now, req)) return 'found';
    throw err;
  }
}
