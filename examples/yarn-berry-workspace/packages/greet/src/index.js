exports.greet = (who) => `hello ${who} from the __BUILT__ greet package`;
