// fahras serve: the pages work without this script; it only adds keyboard comfort.
// "/" puts the cursor in the search box, as on many search sites.
document.addEventListener("keydown", function (event) {
  var box = document.getElementById("q");
  if (event.key === "/" && box && document.activeElement !== box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});
