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

  // "Start a training record for this role": the link carries the role and the level's training content in its
  // fragment (never sent to a server), and the record template fills them in.
  function recordLinks() {
    const option = select.selectedOptions[0];
    for (const plan of plans) {
      const link = plan.querySelector("a[data-record]");
      if (!link) continue;
      const heading = plan.querySelector("h2")?.textContent.trim() ?? "";
      const chosenRole = option?.dataset.level === plan.dataset.level ? option.textContent.trim() : "";
      const params = new URLSearchParams();
      params.set("level", heading);
      if (chosenRole) params.set("role", chosenRole);
      else params.set("role", heading);
      const content = [...plan.querySelectorAll("h3 + ul")].pop(); // the training content list
      for (const li of content?.children ?? []) params.append("course", li.textContent.replace(/\s+/g, " ").trim());
      link.href = `${link.dataset.record}#${params.toString()}`;
      link.textContent = chosenRole ? `Start a training record for ${chosenRole}` : "Start a training record for this role";
    }
  }

  select.addEventListener("change", () => { show(); recordLinks(); });
  select.value = ""; // a value the browser restored would not match the sections on show
  controls.hidden = false;
  show();
  recordLinks();
}
