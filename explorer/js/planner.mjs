// The toolkit's training planner: choose a role or level, see only that level's competencies and training
// content. Every level is in the page already (so it all shows without this script); this only hides the
// others. Nothing is stored: the choice lives in the <select>.

const planner = document.getElementById("tk-planner");
if (planner) start(planner);

function start(planner) {
  const controls = document.getElementById("tk-planner-controls");
  const select = document.getElementById("tk-planner-select");
  const status = document.getElementById("tk-planner-status");
  const plans = [...planner.querySelectorAll("section.tk-plan[data-level]")];
  if (!controls || !select || !plans.length) return;

  const levelOf = (value) => value.split(":")[0];

  function show() {
    const option = select.selectedOptions[0];
    const level = levelOf(select.value);
    for (const plan of plans) plan.hidden = Boolean(level) && plan.dataset.level !== level;
    if (!level) {
      status.textContent = `Showing all ${plans.length} levels.`;
      return;
    }
    const plan = plans.find((p) => p.dataset.level === level);
    const title = plan?.querySelector("h2")?.textContent.trim() ?? level;
    const counts = [...(plan?.querySelectorAll("h3 .tk-count") ?? [])].map((c) => c.textContent.replace(/[()]/g, ""));
    const role = option && option.dataset.level ? `${option.textContent.trim()}: ` : "";
    status.textContent = `${role}${title}: ${counts[0] ?? "?"} competencies and ${counts[1] ?? "?"} training content elements.`;
  }

  select.addEventListener("change", show);
  select.value = ""; // a value the browser restored would not match the sections on show
  controls.hidden = false;
  show();
}
