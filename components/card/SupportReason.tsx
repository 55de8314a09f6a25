/** The one line that says why this entity is listed for a name many share ("Alibaba is on this page"). */
export function SupportReason({ reason }: { reason: string }) {
  return <p class="fl-reason">{reason}</p>;
}
