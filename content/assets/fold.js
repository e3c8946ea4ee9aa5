// Danish folding for the scripts that search: the offer catalogue (catalogue.js) and the results page (search.js).
// 'Rødovre', 'roedovre' and 'RODOVRE' all become 'rodovre'. Keep in step with fold() in
// macros/site/catalogue_search.py, which folds the text these scripts search in.
(function () {
  "use strict";

  var DANISH = { "æ": "ae", "ø": "oe", "å": "aa" };

  // NFC, lower case, æ ø å → ae oe aa, NFKD without combining marks, ae oe aa → a o a, every run of characters
  // other than letters, digits and § → one space, '§ ' → '§', trimmed.
  function fold(text) {
    return (text || "").normalize("NFC").toLowerCase()
      .replace(/[æøå]/g, function (c) { return DANISH[c]; })
      .normalize("NFKD").replace(/[\u0300-\u036f]+/g, "")
      .replace(/ae|oe|aa/g, function (pair) { return pair.charAt(0); })
      .replace(/(?:[^\p{L}\p{N}§]|_)+/gu, " ")
      .replace(/§ /g, "§")
      .trim();
  }

  window.udsatteFold = fold;
})();
