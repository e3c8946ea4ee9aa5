// Danish folding for the scripts that search: the offer catalogue (catalogue.js) and the results page (search.js).
// 'Rødovre', 'roedovre' and 'RODOVRE' all become 'rodovre'. The rule is fold() and words() in
// macros/site/catalogue_search.py, which fold the text these scripts search in; these are the same steps, and
// tests/test_catalogue.py runs both on tricky input and requires the same result.
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

  // The folded words of `texts` (an empty text or null adds none), each once, in order of first use, separated by
  // spaces: words() of catalogue_search.py.
  function words(texts) {
    var seen = new Set();
    var out = [];
    texts.forEach(function (text) {
      if (!text) return;
      fold(text).split(" ").forEach(function (word) {
        if (word && !seen.has(word)) {
          seen.add(word);
          out.push(word);
        }
      });
    });
    return out.join(" ");
  }

  window.udsatteFold = fold;
  window.udsatteWords = words;
})();
