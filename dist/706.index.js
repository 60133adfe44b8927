export const id = 706;
export const ids = [706];
export const modules = {

/***/ 2706:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   "default": () => (/* binding */ open)
/* harmony export */ });
// The action signs in with a federated credential only; interactive browser sign-in is never reachable.
async function open() {
  throw new Error('Opening a browser is not supported: this action signs in with a federated credential only.')
}


/***/ })

};
