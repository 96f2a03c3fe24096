/**
 * Teams sends a message again when the bot took more than 15 seconds over it (Microsoft Learn, "Bot
 * activity handlers"): the same activity, same id. A repeat is answered once: the first delivery does
 * the work. Remembers the last `max` ids this server has seen (a repeat reaching another server is
 * caught where it matters, by the agenda item's key: see addAgendaItem's `requestId`).
 */
export function createRepeatedActivities(max = 10_000): { isRepeat(activityId: string | undefined): boolean } {
  const seen = new Set<string>();
  return {
    isRepeat: (activityId) => {
      if (!activityId) return false;
      if (seen.has(activityId)) return true;
      if (seen.size >= max) seen.delete(seen.values().next().value as string);
      seen.add(activityId);
      return false;
    },
  };
}
