import { termPageRoute } from '@/app/_routes/termRoutes';

const route = termPageRoute('categories', true);
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
