// How a unit is written everywhere (3栋2单元1201, or 3栋1201 for a building without 单元): shared by the domain and
// the repositories that build notice texts.
export function unitLabel(building: string, entrance: string, room: string): string {
  return entrance ? `${building}栋${entrance}单元${room}` : `${building}栋${room}`;
}
